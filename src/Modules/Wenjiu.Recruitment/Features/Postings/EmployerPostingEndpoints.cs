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
using Wenjiu.Recruitment.Features.Applications;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Recruitment.Localization;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Features.Postings;

/// <summary>
/// An enterprise's own ordinary postings under <c>/api/v1/jobs</c>: create (idempotent), edit, refresh, open or close.
/// A posting published from a ledger line is the line's: it changes through the line, not here (404 for edits).
/// </summary>
internal static class EmployerPostingEndpoints
{
    public static void Map(RouteGroupBuilder jobs)
    {
        var api = jobs.MapGroup("").WithTags("Postings");
        api.MapPost("", CreateAsync)
            .RequireAuthorization(Permissions.ManagePostings)
            .WithName("CreatePosting")
            .WithSummary("Publish an ordinary posting for the enterprise's own employer")
            .WithDescription("Body `{ \"title_zh\", \"title_en\", \"occupation\", \"district\", \"pay_min\", \"pay_max\", \"education\", \"skills\", \"description_zh\", \"description_en\" }` (taxonomy codes, yuan a month). The `Idempotency-Key` header is required: a retry with the same key answers 200 with the first posting. 201 with the posting.")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapPut("/{id:long}", EditAsync)
            .RequireAuthorization(Permissions.ManagePostings)
            .WithName("EditPosting")
            .WithSummary("Change the enterprise's own posting")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapPost("/{id:long}/refresh", RefreshAsync)
            .RequireAuthorization(Permissions.ManagePostings)
            .WithName("RefreshPosting")
            .WithSummary("Confirm the posting is still wanted (the stale rule counts from now)")
            .DisableAntiforgery();
        api.MapPost("/{id:long}/status", SwitchAsync)
            .RequireAuthorization(Permissions.ManagePostings)
            .WithName("SwitchPosting")
            .WithSummary("Open or close the posting: body `{ \"open\": true|false }` (opening again counts as a refresh)")
            .DisableAntiforgery();
    }

    internal sealed record PostingRequest(
        string? TitleZh, string? TitleEn, string? Occupation, string? District, decimal? PayMin, decimal? PayMax, string? Education,
        IReadOnlyList<string>? Skills, string? DescriptionZh, string? DescriptionEn);

    internal sealed record SwitchRequest(bool? Open);

    internal sealed record PostingResponse(
        long Id, string Uscc, string Employer, string TitleZh, string TitleEn, string Occupation, string District, decimal PayMin, decimal PayMax,
        string Education, string Status, DateOnly PostedOn, DateTimeOffset RefreshedAt)
    {
        public static PostingResponse From(Posting p) => new(
            p.Id, p.Uscc, p.EmployerName, p.TitleZh, p.TitleEn, p.Occupation, p.District, p.PayMin, p.PayMax, Seekers.Seekers.Code(p.Education),
            Seekers.Seekers.Code(p.Status), p.PostedOn, p.RefreshedAt);
    }

    private static (PostingDraft? Draft, Dictionary<string, string> Errors) Draft(PostingRequest? request)
    {
        var education = ApplicationEndpoints.ParseSnake<Education>(request?.Education);
        var draft = new PostingDraft(
            request?.TitleZh ?? "", request?.TitleEn ?? "", request?.Occupation ?? "", request?.District ?? "", request?.PayMin ?? 0m, request?.PayMax ?? 0m,
            education ?? Education.None, request?.Skills, request?.DescriptionZh, request?.DescriptionEn);
        var errors = Postings.Validate(draft);
        if (education is null)
        {
            errors[nameof(draft.Education)] = "Seeker.Error.Education";
        }

        return (errors.Count == 0 ? draft : null, errors);
    }

    private static async Task<Results<Created<PostingResponse>, Ok<PostingResponse>, ValidationProblem, NotFound>> CreateAsync(
        PostingRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user, RecruitmentDbContext db, Postings postings, IEmployerDirectory directory, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc || await directory.NameAsync(uscc, cancellationToken) is not { } employerName)
        {
            return TypedResults.NotFound();
        }

        var key = idempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > 100)
        {
            return SeekerEndpoints.Problem(new Dictionary<string, string>(StringComparer.Ordinal) { ["IdempotencyKey"] = "Application.Error.Key" }, text);
        }

        if (await db.Postings.AsNoTracking().FirstOrDefaultAsync(p => p.Uscc == uscc && p.IdempotencyKey == key, cancellationToken) is { } repeated)
        {
            return TypedResults.Ok(PostingResponse.From(repeated));
        }

        var (draft, errors) = Draft(request);
        if (draft is null)
        {
            return SeekerEndpoints.Problem(errors, text);
        }

        // Ordinary postings are not flagged key-enterprise: a key enterprise's demand is published from its ledger lines.
        Posting posting;
        try
        {
            posting = await postings.PublishAsync(uscc, employerName, draft, user.Identity!.Name!, keyEnterprise: false, cancellationToken, key);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry with the same key published first (unique per employer and key).
            db.ChangeTracker.Clear();
            return TypedResults.Ok(PostingResponse.From(await db.Postings.AsNoTracking().SingleAsync(p => p.Uscc == uscc && p.IdempotencyKey == key, cancellationToken)));
        }

        return TypedResults.Created($"/Recruitment/Jobs/Detail/{posting.Id}", PostingResponse.From(posting));
    }

    /// <summary>The user's own ordinary posting (any for the administrator), tracked for a change; null (404) otherwise.</summary>
    private static async Task<Posting?> OwnAsync(long id, ClaimsPrincipal user, RecruitmentDbContext db, CancellationToken cancellationToken) =>
        await db.Postings.FirstOrDefaultAsync(p => p.Id == id && p.DemandLineId == null, cancellationToken) is { } posting && user.MayFor(Permissions.ManagePostings, posting.Uscc)
            ? posting
            : null;

    private static async Task<Results<Ok<PostingResponse>, ValidationProblem, NotFound>> EditAsync(
        long id, PostingRequest? request, ClaimsPrincipal user, RecruitmentDbContext db, Postings postings, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await OwnAsync(id, user, db, cancellationToken) is not { } posting)
        {
            return TypedResults.NotFound();
        }

        var (draft, errors) = Draft(request);
        return draft is null ? SeekerEndpoints.Problem(errors, text) : TypedResults.Ok(PostingResponse.From(await postings.EditAsync(posting, draft, cancellationToken)));
    }

    private static async Task<Results<Ok<PostingResponse>, NotFound>> RefreshAsync(long id, ClaimsPrincipal user, RecruitmentDbContext db, Postings postings, CancellationToken cancellationToken) =>
        await OwnAsync(id, user, db, cancellationToken) is { } posting
            ? TypedResults.Ok(PostingResponse.From(await postings.RefreshAsync(posting, cancellationToken)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<PostingResponse>, ValidationProblem, NotFound>> SwitchAsync(
        long id, SwitchRequest? request, ClaimsPrincipal user, RecruitmentDbContext db, Postings postings, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await OwnAsync(id, user, db, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.Open is not { } open)
        {
            return SeekerEndpoints.Problem(new Dictionary<string, string>(StringComparer.Ordinal) { ["Open"] = "Posting.Error.Open" }, text);
        }

        return TypedResults.Ok(PostingResponse.From((await postings.SwitchAsync(id, open, cancellationToken))!));
    }
}
