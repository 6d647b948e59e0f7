using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary>The review queue's JSON API under <c>/api/v1/reviews/tasks</c>, for reviewers: the inbox and the actions on a task.</summary>
internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder reviews)
    {
        var api = reviews.MapGroup("").WithTags("Review tasks");
        api.MapGet("/tasks", ListAsync)
            .RequireAuthorization(Permissions.ReviewTasks)
            .WithName("ListReviewTasks")
            .WithSummary("A reviewer's inbox")
            .WithDescription("The caller's undecided tasks, earliest due first (`queue=true`: the unassigned ones the caller may take instead), each with its version for the next action.");
        api.MapPost("/tasks/{id:long}/actions", ActAsync)
            .RequireAuthorization(Permissions.ReviewTasks)
            .WithName("ActOnReviewTask")
            .WithSummary("Claim, release, approve, refuse or ask the applicant")
            .WithDescription("Body `{ \"action\": \"claim\"|\"release\"|\"approve\"|\"refuse\"|\"request_information\", \"version\", \"reasons\": [codes], \"note\", \"question\" }`. `version` is the task's version as read: when another change came first the answer is 409 saying who changed it and when. An approval that needs four eyes leaves the task waiting for a second reviewer, who confirms with `approve`; the first reviewer cannot.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .DisableAntiforgery();
    }

    private static async Task<Ok<List<TaskResponse>>> ListAsync(bool? queue, ClaimsPrincipal user, ReviewQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name ?? "?";
        var tasks = queue == true ? await queries.UnclaimedAsync(name, null, cancellationToken) : await queries.MineAsync(name, cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(tasks.Select(t => TaskResponse.From(t, now)).ToList());
    }

    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> ActAsync(
        long id, TaskActionRequest? request, ClaimsPrincipal user, ReviewQueue queue, TimeProvider clock, IStringLocalizer<ReviewsText> text, CancellationToken cancellationToken)
    {
        var by = user.Identity?.Name ?? "?";
        var version = request?.Version ?? -1;
        TaskChange? change = request?.Action switch
        {
            "claim" => await queue.ClaimAsync(id, version, by, cancellationToken),
            "release" => await queue.ReleaseAsync(id, version, by, cancellationToken),
            "approve" => await queue.ApproveAsync(id, version, by, request.Note, cancellationToken),
            "refuse" => await queue.RefuseAsync(id, version, by, request.Reasons ?? [], request.Note, cancellationToken),
            "request_information" => await queue.RequestInformationAsync(id, version, by, request.Question, cancellationToken),
            _ => null,
        };
        if (change is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["action"] = [text["Api.Error.Action"]] });
        }

        if (change.NotFound)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Task.NotFound"]);
        }

        if (change.Stale is { } stale)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["Task.StaleTitle"], detail: stale);
        }

        return change.Errors.IsEmpty
            ? TypedResults.Ok(TaskResponse.From(change.Task!, clock.GetUtcNow()))
            : TypedResults.ValidationProblem(change.Errors.ToDictionary().ToDictionary(e => ApiJson.FieldName(e.Key), e => e.Value, StringComparer.Ordinal));
    }
}

internal sealed record TaskActionRequest(string? Action, int? Version, IReadOnlyList<string>? Reasons, string? Note, string? Question);

internal sealed record TaskResponse(
    long Id, string Kind, string SubjectId, string? Uscc, string Title, decimal? Amount, DateTimeOffset DueAt, int DaysLeft, bool Overdue,
    string CandidateGroup, int Priority, string Status, string? Assignee, string? FirstApprover, string? Question, string? Answer, int Version)
{
    public static TaskResponse From(ReviewTask t, DateTimeOffset now) => new(
        t.Id, t.Kind, t.SubjectId, t.Uscc, ReviewsDisplay.Title(t), t.Amount, t.DueAt, t.DaysLeft(now), t.IsOverdue(now),
        t.CandidateGroup, t.Priority, ApiJson.FieldName(t.Status.ToString()), t.Assignee, t.FirstApprover, t.Question, t.Answer, t.Version);
}
