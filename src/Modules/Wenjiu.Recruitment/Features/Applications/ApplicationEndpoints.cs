using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Recruitment.Localization;
using SeekerService = Wenjiu.Recruitment.Features.Seekers.Seekers;

namespace Wenjiu.Recruitment.Features.Applications;

/// <summary>Applications: the seeker applies and withdraws, an agency refers, the employer works its pipeline (<c>/api/v1/jobs/{id}/…</c>, <c>/api/v1/applications/…</c>).</summary>
internal static class ApplicationEndpoints
{
    public static void MapOnJobs(RouteGroupBuilder jobs)
    {
        var api = jobs.MapGroup("").WithTags("Applications");
        api.MapPost("/{id:long}/applications", ApplyAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("ApplyForJob")
            .WithSummary("Apply for a posting as the signed-in seeker")
            .WithDescription("No body. The `Idempotency-Key` header is required: a retry with the same key, a double click or a concurrent request answers 200 with the one application (a person applies to a posting once). 201 with the application; 400 when the posting is closed; 404 when there is no such posting or the user has no seeker profile yet.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery();
        api.MapPost("/{id:long}/referrals", ReferAsync)
            .RequireAuthorization(Permissions.RegisterSeekers)
            .WithName("ReferSeeker")
            .WithSummary("Refer a seeker to a posting (an HR agency, staff)")
            .WithDescription("Body `{ \"seeker_id\" }`. An agency refers only seekers who consented to it. The referral is an application by the agency's route; a person who already applied is not applied twice: the route merges into the one application. `Idempotency-Key` required.")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapGet("/{id:long}/applications", PipelineAsync)
            .RequireAuthorization(Permissions.WorkApplications)
            .WithName("PostingPipeline")
            .WithSummary("The posting's applicants and their stages (the employer's pipeline)")
            .WithDescription("Each applicant with `stage`, `refusal_reason`, the routes they came by and `also_applied` (the employer's other postings the same person applied to). The view is audited.");
    }

    public static void MapOnApplications(RouteGroupBuilder applications)
    {
        var api = applications.MapGroup("").WithTags("Applications");
        api.MapGet("/mine", MineAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("MyApplications")
            .WithSummary("The signed-in seeker's applications, newest first");
        api.MapPost("/{id:long}/withdrawal", WithdrawAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("WithdrawApplication")
            .WithSummary("Withdraw one's own open application")
            .DisableAntiforgery();
        api.MapPost("/{id:long}/stage", MoveAsync)
            .RequireAuthorization(Permissions.WorkApplications)
            .WithName("MoveApplication")
            .WithSummary("Move an application along the posting's pipeline")
            .WithDescription("Body `{ \"stage\": \"screening\" | \"interview\" | \"offer\" | \"hired\" | \"refused\", \"refusal_reason\" }`: forward only (steps may be skipped); `refused` needs a reason of the fixed list (`position_filled`, `qualifications_do_not_match`, `experience_does_not_match`, `pay_expectations_differ`, `location_or_hours`, `no_response`).")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapPost("/{id:long}/no-shows", NoShowAsync)
            .RequireAuthorization(Permissions.WorkApplications)
            .WithName("RecordNoShow")
            .WithSummary("Record that the applicant did not come to an interview")
            .DisableAntiforgery();
    }

    internal sealed record ApplicationResponse(long Id, long PostingId, long SeekerId, string Stage, string? RefusalReason, IReadOnlyList<string> Routes, DateTimeOffset AppliedAt, DateTimeOffset StageChangedAt, int NoShows)
    {
        public static ApplicationResponse From(Application a) => new(
            a.Id, a.PostingId, a.SeekerId, SeekerService.Code(a.Stage), a.RefusalReason == Domain.RefusalReason.None ? null : SeekerService.Code(a.RefusalReason),
            RoutesOf(a.Routes), a.AppliedAt, a.StageChangedAt, a.NoShows);
    }

    internal sealed record MyApplicationResponse(long Id, long PostingId, string Title, string Employer, string Stage, string? RefusalReason, string? RefusalMessage, DateTimeOffset AppliedAt, DateTimeOffset StageChangedAt);

    internal sealed record ApplicantResponse(long Id, long SeekerId, string Name, string Stage, string? RefusalReason, IReadOnlyList<string> Routes, DateTimeOffset AppliedAt, int NoShows, IReadOnlyList<AlsoAppliedResponse> AlsoApplied);

    internal sealed record AlsoAppliedResponse(long PostingId, string Title);

    internal sealed record ReferralRequest(long? SeekerId);

    internal sealed record MoveRequest(string? Stage, string? RefusalReason);

    internal static string[] RoutesOf(ApplicationRoutes routes) =>
        [.. Enum.GetValues<ApplicationRoutes>().Where(r => r != ApplicationRoutes.None && routes.HasFlag(r)).Select(r => SeekerService.Code(r))];

    private static bool Chinese => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    private static async Task<Results<Created<ApplicationResponse>, Ok<ApplicationResponse>, ValidationProblem, NotFound>> ApplyAsync(
        long id,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user, SeekerService seekers, Applications applications, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return TypedResults.NotFound();
        }

        return Answer(await applications.ApplyAsync(seeker, id, idempotencyKey, ApplicationRoutes.Seeker, null, user.Identity.Name!, cancellationToken), text);
    }

    private static async Task<Results<Created<ApplicationResponse>, Ok<ApplicationResponse>, ValidationProblem, NotFound>> ReferAsync(
        long id, ReferralRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user, RecruitmentDbContext db, SeekerService seekers, Applications applications, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        var seeker = request?.SeekerId is { } seekerId ? await db.Seekers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == seekerId, cancellationToken) : null;
        var staff = user.MayEverywhere(Permissions.RegisterSeekers);
        var agency = staff ? null : user.EmployerUscc();
        if (seeker is null || (!staff && (agency is not { Length: > 0 } || !await seekers.MaySeeInFullAsync(seeker.Id, agency, cancellationToken))))
        {
            return SeekerEndpoints.Problem(new Dictionary<string, string>(StringComparer.Ordinal) { ["SeekerId"] = "Application.Error.Seeker" }, text);
        }

        return Answer(await applications.ApplyAsync(seeker, id, idempotencyKey, staff ? ApplicationRoutes.Staff : ApplicationRoutes.Agency, agency, user.Identity!.Name!, cancellationToken), text);
    }

    private static Results<Created<ApplicationResponse>, Ok<ApplicationResponse>, ValidationProblem, NotFound> Answer(ApplicationResult result, IStringLocalizer<RecruitmentText> text)
    {
        if (result.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (result.Application is not { } application)
        {
            return SeekerEndpoints.Problem(result.Errors, text);
        }

        var response = ApplicationResponse.From(application);
        return result.Repeated ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/applications/{application.Id}", response);
    }

    private static async Task<Results<Ok<List<MyApplicationResponse>>, NotFound>> MineAsync(
        ClaimsPrincipal user, SeekerService seekers, Applications applications, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return TypedResults.NotFound();
        }

        var mine = await applications.MineAsync(seeker, cancellationToken);
        return TypedResults.Ok(mine.Select(a => new MyApplicationResponse(
            a.Id, a.PostingId, Chinese || a.TitleEn.Length == 0 ? a.TitleZh : a.TitleEn, a.EmployerName, SeekerService.Code(a.Stage),
            a.RefusalReason == RefusalReason.None ? null : SeekerService.Code(a.RefusalReason),
            a.RefusalReason == RefusalReason.None ? null : text[$"Refusal.{a.RefusalReason}"].Value, a.AppliedAt, a.StageChangedAt)).ToList());
    }

    private static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, NotFound>> WithdrawAsync(
        long id, ClaimsPrincipal user, SeekerService seekers, Applications applications, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return TypedResults.NotFound();
        }

        var result = await applications.WithdrawAsync(seeker, id, cancellationToken);
        return result.NotFound ? TypedResults.NotFound()
            : result.Application is { } application ? TypedResults.Ok(ApplicationResponse.From(application))
            : SeekerEndpoints.Problem(result.Errors, text);
    }

    private static async Task<Results<Ok<List<ApplicantResponse>>, NotFound>> PipelineAsync(
        long id, ClaimsPrincipal user, RecruitmentDbContext db, Applications applications, CancellationToken cancellationToken)
    {
        if (await EmployerOfAsync(db.Postings.Where(p => p.Id == id).Select(p => p.Uscc), user, cancellationToken) is not { } uscc
            || await applications.PipelineAsync(id, uscc, cancellationToken) is not { } applicants)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(applicants.Select(a => new ApplicantResponse(
            a.Id, a.SeekerId, a.Name, SeekerService.Code(a.Stage), a.RefusalReason == RefusalReason.None ? null : SeekerService.Code(a.RefusalReason),
            RoutesOf(a.Routes), a.AppliedAt, a.NoShows,
            [.. a.AlsoApplied.Select(o => new AlsoAppliedResponse(o.PostingId, Chinese || o.TitleEn.Length == 0 ? o.TitleZh : o.TitleEn))])).ToList());
    }

    private static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, NotFound>> MoveAsync(
        long id, MoveRequest? request, ClaimsPrincipal user, RecruitmentDbContext db, Applications applications, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await EmployerOfAsync(db.Applications.Where(a => a.Id == id).Select(a => a.Uscc), user, cancellationToken) is not { } uscc)
        {
            return TypedResults.NotFound();
        }

        var stage = SeekerService.ParseSnake<ApplicationStage>(request?.Stage);
        var reason = request?.RefusalReason is { Length: > 0 } given ? SeekerService.ParseSnake<RefusalReason>(given) : RefusalReason.None;
        if (stage is null || reason is null)
        {
            return SeekerEndpoints.Problem(new Dictionary<string, string>(StringComparer.Ordinal) { [stage is null ? "Stage" : "RefusalReason"] = stage is null ? "Application.Error.Stage" : "Application.Error.Reason" }, text);
        }

        var result = await applications.MoveAsync(id, uscc, stage.Value, reason.Value, user.Identity!.Name!, cancellationToken);
        return result.NotFound ? TypedResults.NotFound()
            : result.Application is { } application ? TypedResults.Ok(ApplicationResponse.From(application))
            : SeekerEndpoints.Problem(result.Errors, text);
    }

    private static async Task<Results<Ok<ApplicationResponse>, NotFound>> NoShowAsync(
        long id, ClaimsPrincipal user, RecruitmentDbContext db, Applications applications, CancellationToken cancellationToken)
    {
        if (await EmployerOfAsync(db.Applications.Where(a => a.Id == id).Select(a => a.Uscc), user, cancellationToken) is not { } uscc)
        {
            return TypedResults.NotFound();
        }

        var result = await applications.RecordNoShowAsync(id, uscc, cancellationToken);
        return result.Application is { } application ? TypedResults.Ok(ApplicationResponse.From(application)) : TypedResults.NotFound();
    }

    /// <summary>The record's employer when the user may work its applications (its own, or any for the administrator); null otherwise (404: its existence is not told).</summary>
    private static async Task<string?> EmployerOfAsync(IQueryable<string> uscc, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await uscc.FirstOrDefaultAsync(cancellationToken) is { } found && user.MayFor(Permissions.WorkApplications, found) ? found : null;
}
