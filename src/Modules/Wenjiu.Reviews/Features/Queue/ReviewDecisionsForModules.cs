using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Data;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary>
/// <see cref="IReviewDecisions"/> for other modules: finds the request's task and calls the queue's own approval or
/// refusal at the version read now, exactly as the task page posts it — no second copy of the rules.
/// </summary>
internal sealed class ReviewDecisionsForModules(ReviewQueue queue, ReviewsDbContext db, IStringLocalizer<ReviewsText> text) : IReviewDecisions
{
    /// <summary>Who was found to review, within this scope (one request, or one seeding run deciding many tasks as the same users).</summary>
    private readonly Dictionary<string, bool> reviewers = new(StringComparer.Ordinal);

    public Task<ReviewDecisionResult> ApproveAsync(string kind, string subjectId, string by, string? note, CancellationToken cancellationToken = default) =>
        DecideAsync(kind, subjectId, by, (id, version) => queue.ApproveAsync(id, version, by, note, cancellationToken), cancellationToken);

    public Task<ReviewDecisionResult> RefuseAsync(string kind, string subjectId, string by, IReadOnlyCollection<string> reasonCodes, string? note, CancellationToken cancellationToken = default) =>
        DecideAsync(kind, subjectId, by, (id, version) => queue.RefuseAsync(id, version, by, reasonCodes, note, cancellationToken), cancellationToken);

    private async Task<ReviewDecisionResult> DecideAsync(string kind, string subjectId, string by, Func<long, int, Task<TaskChange>> decide, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().Where(t => t.Kind == kind && t.SubjectId == subjectId).Select(t => new { t.Id, t.Version }).FirstOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return new ReviewDecisionResult(null, ReviewDecisionState.NotDecided, text["Task.Error.NoSuchTask"]);
        }

        // A module names the staff user; the queue's pages let only reviewers decide, and so does this.
        if (!reviewers.TryGetValue(by, out var reviews))
        {
            reviewers[by] = reviews = await queue.IsReviewerAsync(by);
        }

        if (!reviews)
        {
            return new ReviewDecisionResult(task.Id, ReviewDecisionState.NotDecided, text["Task.Error.NoSuchReviewer", by]);
        }

        var change = await decide(task.Id, task.Version);
        db.ChangeTracker.Clear();
        if (!change.Done)
        {
            return new ReviewDecisionResult(task.Id, ReviewDecisionState.NotDecided, change.Stale ?? string.Join(' ', change.Errors.Select(e => e.Message)));
        }

        return new ReviewDecisionResult(task.Id, change.Task!.Status switch
        {
            ReviewStatus.Approved => ReviewDecisionState.Approved,
            ReviewStatus.Refused => ReviewDecisionState.Refused,
            _ => ReviewDecisionState.WaitingForSecondReviewer,
        });
    }
}
