namespace Wenjiu.Reviews.Contracts;

/// <summary>Where a task stands after a decision taken through <see cref="IReviewDecisions"/>.</summary>
public enum ReviewDecisionState
{
    /// <summary>Approved for good: <see cref="ReviewDecided"/> is in the outbox.</summary>
    Approved,

    /// <summary>Refused for good: <see cref="ReviewDecided"/> is in the outbox.</summary>
    Refused,

    /// <summary>Approved once; four eyes are needed, so another staff user must approve it too.</summary>
    WaitingForSecondReviewer,

    /// <summary>Nothing was decided: <see cref="ReviewDecisionResult.Problem"/> says why (no such task, not a reviewer, decided already, held by another, the same reviewer twice, …).</summary>
    NotDecided,
}

/// <summary>What a decision through <see cref="IReviewDecisions"/> did.</summary>
/// <param name="TaskId">The task decided on; null when there is no task for the request.</param>
/// <param name="Problem">Why nothing was decided, as the task page would have said it; null otherwise.</param>
public sealed record ReviewDecisionResult(long? TaskId, ReviewDecisionState State, string? Problem = null);

/// <summary>
/// A named staff user deciding a request's task through the review queue's own rules, for a module that must act for
/// a reviewer outside the task page (demo data that shows the queue at work, a test arranging an approved request).
/// Each call is one action on the task page: the user must be a reviewer (or administrator); a task held by another,
/// already decided or waiting for the applicant is not decided; an approval that needs four eyes (above
/// <c>Reviews:FourEyesAbove</c> or drawn) waits, and a second call by another staff user confirms it — never the first
/// approver. The final decision publishes <see cref="ReviewDecided"/> through the outbox, so the owning module acts
/// on it exactly as on a decision taken on the page.
/// </summary>
public interface IReviewDecisions
{
    /// <summary>Approves the task of (<paramref name="kind"/>, <paramref name="subjectId"/>) as <paramref name="by"/>, or confirms another's approval that waits for four eyes.</summary>
    Task<ReviewDecisionResult> ApproveAsync(string kind, string subjectId, string by, string? note, CancellationToken cancellationToken = default);

    /// <summary>Refuses it as <paramref name="by"/> with reasons chosen from the request's own (<see cref="ReviewRequest.RefusalReasons"/>) or, when it offers none, a note.</summary>
    Task<ReviewDecisionResult> RefuseAsync(string kind, string subjectId, string by, IReadOnlyCollection<string> reasonCodes, string? note, CancellationToken cancellationToken = default);
}
