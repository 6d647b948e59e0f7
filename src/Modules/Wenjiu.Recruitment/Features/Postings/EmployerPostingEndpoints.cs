using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Recruitment.Localization;

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

    private static PostingInput Input(PostingRequest? r) =>
        new(r?.TitleZh, r?.TitleEn, r?.Occupation, r?.District, r?.PayMin, r?.PayMax, r?.Education, r?.Skills, r?.DescriptionZh, r?.DescriptionEn);

    private static async Task<Results<Created<PostingResponse>, Ok<PostingResponse>, ValidationProblem, NotFound>> CreateAsync(
        PostingRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user, Postings postings, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc
            || await postings.CreateOwnAsync(uscc, idempotencyKey, Input(request), user.Identity!.Name!, cancellationToken) is not { } outcome)
        {
            return TypedResults.NotFound();
        }

        return outcome.Posting switch
        {
            null => SeekerEndpoints.Problem(outcome.Errors, text),
            var posting when outcome.Repeated => TypedResults.Ok(PostingResponse.From(posting)),
            var posting => TypedResults.Created($"/Recruitment/Jobs/Detail/{posting.Id}", PostingResponse.From(posting)),
        };
    }

    private static async Task<Results<Ok<PostingResponse>, ValidationProblem, NotFound>> EditAsync(
        long id, PostingRequest? request, ClaimsPrincipal user, Postings postings, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await postings.OwnAsync(id, user, cancellationToken) is not { } posting)
        {
            return TypedResults.NotFound();
        }

        var outcome = await postings.EditOwnAsync(posting, Input(request), cancellationToken);
        return outcome.Posting is null ? SeekerEndpoints.Problem(outcome.Errors, text) : TypedResults.Ok(PostingResponse.From(outcome.Posting));
    }

    private static async Task<Results<Ok<PostingResponse>, NotFound>> RefreshAsync(long id, ClaimsPrincipal user, Postings postings, CancellationToken cancellationToken) =>
        await postings.OwnAsync(id, user, cancellationToken) is { } posting
            ? TypedResults.Ok(PostingResponse.From(await postings.RefreshAsync(posting, cancellationToken)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<PostingResponse>, ValidationProblem, NotFound>> SwitchAsync(
        long id, SwitchRequest? request, ClaimsPrincipal user, Postings postings, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await postings.OwnAsync(id, user, cancellationToken) is null)
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
