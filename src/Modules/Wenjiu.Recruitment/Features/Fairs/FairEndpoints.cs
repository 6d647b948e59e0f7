using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment.Features.Fairs;

/// <summary>Campaigns and online fairs under <c>/api/v1/fairs</c>: listing and live statistics, booths, and each booth's live queue.</summary>
internal static class FairEndpoints
{
    public static void Map(RouteGroupBuilder fairs)
    {
        var api = fairs.MapGroup("").WithTags("Fairs");
        api.MapGet("", ListAsync).RequireAuthorization(Permissions.SearchJobs).WithName("ListFairs")
            .WithSummary("Campaigns with their fairs, and fairs outside any campaign");
        api.MapPost("/campaigns", CreateCampaignAsync).RequireAuthorization(Permissions.ManageFairs).WithName("CreateCampaign")
            .WithSummary("Create a campaign (`kind`: `graduates_month`, `spring_breeze`, `other`; `starts_on`, `ends_on` Beijing days)");
        api.MapGet("/campaigns/{id:long}/stats", CampaignStatsAsync).RequireAuthorization(Permissions.SearchJobs).WithName("CampaignStats")
            .WithSummary("A campaign's live statistics: fairs held, booths, jobs, applications, interviews, hires, queued and seen");
        api.MapPost("", CreateFairAsync).RequireAuthorization(Permissions.ManageFairs).WithName("CreateFair")
            .WithSummary("Create an online fair (`starts_at`, `ends_at`, `registration_closes_at` instants with their offset; `campaign_id` optional)");
        api.MapGet("/{id:long}", FairAsync).RequireAuthorization(Permissions.SearchJobs).WithName("Fair")
            .WithSummary("A fair: the urgent-hiring column (key enterprises, most urgent first), the other booths, and its statistics");
        api.MapGet("/{id:long}/stats", FairStatsAsync).RequireAuthorization(Permissions.SearchJobs).WithName("FairStats")
            .WithSummary("A fair's live statistics");
        api.MapPost("/{id:long}/booths", RegisterBoothAsync).RequireAuthorization(Permissions.ExhibitAtFairs).WithName("RegisterBooth")
            .WithSummary("Register (or change) the employer's booth with its open postings (`posting_ids`) until registration closes");
        api.MapGet("/booths/{boothId:long}/queue", QueueAsync).RequireAuthorization(Permissions.ExhibitAtFairs).WithName("BoothQueue")
            .WithSummary("The booth's live queue: the called seeker and those waiting, in order (the booth's own employer)");
        api.MapPost("/booths/{boothId:long}/next", CallNextAsync).RequireAuthorization(Permissions.ExhibitAtFairs).WithName("CallNext")
            .WithSummary("Finish with the called seeker and call the next number (204 when nobody waits)");
        api.MapPost("/booths/{boothId:long}/queue", JoinAsync).RequireAuthorization(Permissions.SeekWork).WithName("JoinQueue")
            .WithSummary("Take a number in the booth's queue while the fair is open (again: the same ticket); the employer may then see the seeker's details");
        api.MapDelete("/booths/{boothId:long}/queue", LeaveAsync).RequireAuthorization(Permissions.SeekWork).WithName("LeaveQueue")
            .WithSummary("Leave the booth's queue");
    }

    private static async Task<Ok<List<CampaignItem>>> ListAsync(Fairs fairs, CancellationToken cancellationToken) =>
        TypedResults.Ok((await fairs.ListAsync(cancellationToken)).Select(g => new CampaignItem(
            g.Campaign?.Id, g.Campaign is null ? null : Wenjiu.Recruitment.Features.Seekers.Seekers.Code(g.Campaign.Kind), g.Campaign?.NameZh, g.Campaign?.NameEn, g.Campaign?.StartsOn, g.Campaign?.EndsOn,
            [.. g.Fairs.Select(FairItem.From)])).ToList());

    private static async Task<Results<Created<CampaignItem>, ValidationProblem>> CreateCampaignAsync(
        CampaignInput? request, ClaimsPrincipal user, Fairs fairs, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        var result = await fairs.CreateCampaignAsync(request ?? new CampaignInput(null, null, null, null, null), user.Identity!.Name!, cancellationToken);
        if (result.Value is not { } c)
        {
            return SeekerEndpoints.Problem(result.Errors, text);
        }

        return TypedResults.Created($"/api/v1/fairs/campaigns/{c.Id}/stats", new CampaignItem(c.Id, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(c.Kind), c.NameZh, c.NameEn, c.StartsOn, c.EndsOn, []));
    }

    private static async Task<Results<Created<FairItem>, ValidationProblem>> CreateFairAsync(
        FairInput? request, ClaimsPrincipal user, Fairs fairs, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        var result = await fairs.CreateFairAsync(request ?? new FairInput(null, null, null, null, null, null), user.Identity!.Name!, cancellationToken);
        return result.Value is { } fair ? TypedResults.Created($"/api/v1/fairs/{fair.Id}", FairItem.From(fair)) : SeekerEndpoints.Problem(result.Errors, text);
    }

    private static async Task<Results<Ok<FairStats>, NotFound>> CampaignStatsAsync(long id, Fairs fairs, CancellationToken cancellationToken) =>
        await fairs.CampaignStatsAsync(id, cancellationToken) is { } stats ? TypedResults.Ok(stats) : TypedResults.NotFound();

    private static async Task<Results<Ok<FairStats>, NotFound>> FairStatsAsync(long id, Fairs fairs, CancellationToken cancellationToken) =>
        await fairs.FairStatsAsync(id, cancellationToken) is { } stats ? TypedResults.Ok(stats) : TypedResults.NotFound();

    private static async Task<Results<Ok<FairDetail>, NotFound>> FairAsync(long id, ClaimsPrincipal user, Fairs fairs, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        var seeker = user.IsInRole(Roles.JobSeeker) ? await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) : null;
        if (await fairs.ViewAsync(id, seeker?.Id, cancellationToken) is not { } view)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new FairDetail(FairItem.From(view.Fair), [.. view.Urgent.Select(BoothItem.From)], [.. view.Others.Select(BoothItem.From)], view.Stats));
    }

    private static async Task<Results<Created<BoothItem>, Ok<BoothItem>, ValidationProblem, NotFound>> RegisterBoothAsync(
        long id, BoothRequest? request, ClaimsPrincipal user, Fairs fairs, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        var uscc = user.MayEverywhere(Permissions.ExhibitAtFairs) ? request?.Uscc : user.EmployerUscc();
        if (string.IsNullOrEmpty(uscc))
        {
            return SeekerEndpoints.Problem(new Dictionary<string, string>(StringComparer.Ordinal) { ["Uscc"] = "Fair.Error.Postings" }, text);
        }

        if (await fairs.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var result = await fairs.RegisterBoothAsync(id, uscc, request?.PostingIds ?? [], user.Identity!.Name!, cancellationToken);
        if (result.Value is not { } booth)
        {
            return SeekerEndpoints.Problem(result.Errors, text);
        }

        var item = BoothItem.From(new BoothView(booth, [], 0, null, null, null));
        return result.Repeated ? TypedResults.Ok(item) : TypedResults.Created($"/api/v1/fairs/{id}", item);
    }

    private static async Task<Results<Ok<List<QueueItem>>, NotFound>> QueueAsync(long boothId, ClaimsPrincipal user, Fairs fairs, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        if (await fairs.BoothAsync(boothId, cancellationToken) is not { } booth || !user.MayFor(Permissions.ExhibitAtFairs, booth.Uscc))
        {
            return TypedResults.NotFound();
        }

        var list = new List<QueueItem>();
        foreach (var entry in await fairs.QueueAsync(boothId, cancellationToken))
        {
            list.Add(await ItemAsync(entry, user, seekers, cancellationToken));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<QueueItem>, NoContent, NotFound>> CallNextAsync(long boothId, ClaimsPrincipal user, Fairs fairs, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        if (await fairs.BoothAsync(boothId, cancellationToken) is not { } booth || !user.MayFor(Permissions.ExhibitAtFairs, booth.Uscc))
        {
            return TypedResults.NotFound();
        }

        return await fairs.CallNextAsync(boothId, cancellationToken) is { } called
            ? TypedResults.Ok(await ItemAsync(called, user, seekers, cancellationToken))
            : TypedResults.NoContent();
    }

    private static async Task<Results<Created<TicketItem>, Ok<TicketItem>, ValidationProblem, NotFound>> JoinAsync(
        long boothId, ClaimsPrincipal user, Fairs fairs, Seekers.Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        var seeker = await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken);
        if (seeker is null || await fairs.BoothAsync(boothId, cancellationToken) is not { } booth)
        {
            return TypedResults.NotFound();
        }

        var result = await fairs.JoinQueueAsync(boothId, seeker.Id, cancellationToken);
        if (result.Value is not { } entry)
        {
            return SeekerEndpoints.Problem(result.Errors, text);
        }

        // Taking a number at a booth is agreeing that this employer sees who is coming.
        await seekers.ConsentAsync(seeker, booth.Uscc, cancellationToken);
        var ahead = (await fairs.QueueAsync(boothId, cancellationToken)).Count(q => q.Status == QueueStatus.Waiting && q.Number < entry.Number);
        var ticket = new TicketItem(boothId, entry.Number, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(entry.Status), ahead);
        return result.Repeated ? TypedResults.Ok(ticket) : TypedResults.Created($"/api/v1/fairs/{booth.FairId}", ticket);
    }

    private static async Task<Results<NoContent, NotFound>> LeaveAsync(long boothId, ClaimsPrincipal user, Fairs fairs, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        var seeker = await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken);
        return seeker is not null && await fairs.LeaveAsync(boothId, seeker.Id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<QueueItem> ItemAsync(QueueEntry entry, ClaimsPrincipal user, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        var view = await seekers.ViewAsync(entry.SeekerId, user, cancellationToken);
        return new QueueItem(entry.Number, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(entry.Status), entry.SeekerId, view?.Name, entry.JoinedAt, entry.CalledAt);
    }

}

internal sealed record BoothRequest([property: Description("Ids of the employer's own open postings shown at the booth.")] IReadOnlyList<long>? PostingIds, [property: Description("Staff only: the employer.")] string? Uscc);

internal sealed record FairItem(long Id, long? CampaignId, string NameZh, string NameEn, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset RegistrationClosesAt)
{
    public static FairItem From(Fair f) => new(f.Id, f.CampaignId, f.NameZh, f.NameEn, f.StartsAt, f.EndsAt, f.RegistrationClosesAt);
}

internal sealed record CampaignItem(long? Id, string? Kind, string? NameZh, string? NameEn, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<FairItem> Fairs);

internal sealed record BoothPosting(long Id, string TitleZh, string TitleEn, Search.JobPay Pay);

internal sealed record BoothItem(long Id, string Uscc, string Employer, bool KeyEnterprise, decimal Urgency, IReadOnlyList<BoothPosting> Postings, int Waiting, int? MyNumber, string? MyStatus, int? AheadOfMe)
{
    public static BoothItem From(BoothView v) => new(
        v.Booth.Id, v.Booth.Uscc, v.Booth.EmployerName, v.Booth.KeyEnterprise, v.Booth.Urgency,
        [.. v.Postings.Select(p => new BoothPosting(p.Id, p.TitleZh, p.TitleEn, new Search.JobPay(p.PayMin, p.PayMax)))], v.Waiting, v.MyNumber,
        v.MyStatus is { } s ? Wenjiu.Recruitment.Features.Seekers.Seekers.Code(s) : null, v.AheadOfMe);
}

internal sealed record FairDetail(FairItem Fair, IReadOnlyList<BoothItem> UrgentHiring, IReadOnlyList<BoothItem> Booths, FairStats Stats);

internal sealed record TicketItem(long BoothId, int Number, string Status, int Ahead);

internal sealed record QueueItem(int Number, string Status, long SeekerId, string? Name, DateTimeOffset JoinedAt, DateTimeOffset? CalledAt);
