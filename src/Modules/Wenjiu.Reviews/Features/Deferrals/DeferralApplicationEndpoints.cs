using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews.Features.Deferrals;

/// <summary>The enterprise's side of the API: apply for a deferral, list its requests (<c>/api/v1/reviews/…</c>).</summary>
internal static class DeferralApplicationEndpoints
{
    public static void Map(RouteGroupBuilder reviews)
    {
        var api = reviews.MapGroup("").WithTags("Review requests");
        api.MapPost("/deferrals", ApplyAsync)
            .RequireAuthorization(Permissions.ApplyForReview)
            .WithName("ApplyForDeferral")
            .WithSummary("Apply for a deferral of the employer's contributions")
            .WithDescription("Body `{ \"first_month\", \"last_month\", \"reason\", \"evidence_files\": [ids] }`, months YYYY-MM checked against the relief rules (from 2020-02, at most 6 months, ending by 2020-12, no overlap); evidence stored first with `POST /api/v1/files`. The `Idempotency-Key` header is required: a repeat with the same key answers 200 with the first application instead of a second one. 201 with the application and its review task.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery();
        api.MapGet("/requests", RequestsAsync)
            .RequireAuthorization(Permissions.ApplyForReview)
            .WithName("ListMyReviewRequests")
            .WithSummary("The employer's requests under review and decided")
            .WithDescription("Newest first: kind, title, status, the question asked of the employer (when one waits for an answer) and the decision.");
    }

    private static async Task<Results<Created<ApplicationResponse>, Ok<ApplicationResponse>, ValidationProblem, NotFound>> ApplyAsync(
        DeferralApplicationRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user,
        DeferralApplications applications,
        CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return TypedResults.NotFound();
        }

        var result = await applications.ApplyAsync(
            uscc, user, new DeferralApplicationInput(request?.FirstMonth, request?.LastMonth, request?.Reason, [], request?.EvidenceFiles ?? [], idempotencyKey), cancellationToken);
        if (result.Application is not { } application)
        {
            return TypedResults.ValidationProblem(result.Errors.ToDictionary().ToDictionary(
                e => e.Key switch { "IdempotencyKey" => "Idempotency-Key", "Evidence" => "evidence_files", _ => ApiJson.FieldName(e.Key) }, e => e.Value, StringComparer.Ordinal));
        }

        var response = ApplicationResponse.From(application);
        return result.Repeated ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/reviews/requests", response);
    }

    private static async Task<Results<Ok<List<RequestResponse>>, NotFound>> RequestsAsync(ClaimsPrincipal user, ReviewQueries queries, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return TypedResults.NotFound();
        }

        var tasks = await queries.OfEmployerAsync(uscc, cancellationToken);
        return TypedResults.Ok(tasks.Select(RequestResponse.From).ToList());
    }
}

internal sealed record DeferralApplicationRequest(string? FirstMonth, string? LastMonth, string? Reason, IReadOnlyList<Guid>? EvidenceFiles);

internal sealed record ApplicationResponse(long Id, string Uscc, string FirstMonth, string LastMonth, string Reason, IReadOnlyList<string> EvidenceFiles, long? TaskId, DateTimeOffset SubmittedAt)
{
    public static ApplicationResponse From(DeferralApplication a) => new(
        a.Id, a.Uscc, a.FirstMonth.ToString(), a.LastMonth.ToString(), a.Reason, a.EvidenceFiles.Split(',', StringSplitOptions.RemoveEmptyEntries), a.TaskId, a.SubmittedAt);
}

internal sealed record RequestResponse(long TaskId, string Kind, string Title, string Status, DateTimeOffset DueAt, string? Question, DateTimeOffset? DecidedAt, IReadOnlyList<string> ReasonCodes)
{
    public static RequestResponse From(ReviewTask t) => new(
        t.Id, t.Kind, ReviewsDisplay.Title(t), ApiJson.FieldName(t.Status.ToString()), t.DueAt,
        t.Status == ReviewStatus.WaitingForInformation ? t.Question : null, t.DecidedAt, t.ReasonCodes.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
