using Wenjiu.Platform.Events;

namespace Wenjiu.Reviews.Contracts;

/// <summary>A reason a reviewer may choose to refuse, taken from the request's rule trace, in both languages (quoted in the letter).</summary>
public sealed record ReviewReason(string Code, string TextZh, string TextEn);

/// <summary>
/// A request another module sends to review: the owning module keeps the request (its facts, its rules); the review
/// module keeps the task (who, when, what was decided) and tells the owner the outcome with <see cref="ReviewDecided"/>.
/// </summary>
/// <param name="Kind">The request's kind, owned by the sending module, e.g. <c>payments.refund</c>.</param>
/// <param name="SubjectId">The sending module's id of the request; (kind, subject) is unique: opening it again returns the same task.</param>
/// <param name="Uscc">The employer (or agency) concerned: the task is distributed by its district and its users follow it.</param>
/// <param name="TitleZh">One line naming the request, zh-CN.</param>
/// <param name="TitleEn">The same in English.</param>
/// <param name="Amount">The money at stake in yuan, for the four-eyes threshold; null when none.</param>
/// <param name="DueAt">When it must be decided (the deadline it serves).</param>
/// <param name="CandidateGroup">The team that may claim it, e.g. <c>deferrals</c>, <c>refunds</c>, <c>agency_subsidies</c>.</param>
/// <param name="Priority">0 (routine) … 100 (urgent).</param>
/// <param name="RefusalReasons">Reasons from the rule trace a reviewer may choose when refusing (empty: free text only).</param>
/// <param name="DetailPath">The owning module's page where a reviewer sees the request in full, e.g. <c>/Payments/Refunds/123</c>.</param>
public sealed record ReviewRequest(
    string Kind, string SubjectId, string? Uscc, string TitleZh, string TitleEn, decimal? Amount, DateTimeOffset DueAt,
    string CandidateGroup, int Priority, IReadOnlyList<ReviewReason> RefusalReasons, string? DetailPath);

/// <summary>What the review module offers the modules whose requests it reviews.</summary>
public interface IReviewRequests
{
    /// <summary>Opens a task for the request (idempotent on kind and subject: the existing task's id is returned).</summary>
    Task<long> OpenAsync(ReviewRequest request, string openedBy, CancellationToken cancellationToken = default);

    /// <summary>Opens many at once (a batch's eligible list), set-based; idempotent per request as <see cref="OpenAsync"/>.</summary>
    Task<int> OpenManyAsync(IReadOnlyList<ReviewRequest> requests, string openedBy, CancellationToken cancellationToken = default);

    /// <summary>Withdraws an undecided task (the applicant withdrew, or the owner superseded it); a decided task is left as it is.</summary>
    Task WithdrawAsync(string kind, string subjectId, string reason, string by, CancellationToken cancellationToken = default);

    /// <summary>The subjects of <paramref name="kind"/> whose tasks are not decided yet (open, assigned, waiting), those starting with <paramref name="subjectPrefix"/>.</summary>
    Task<IReadOnlyList<string>> UndecidedSubjectsAsync(string kind, string subjectPrefix, CancellationToken cancellationToken = default);
}

public enum ReviewOutcome
{
    Approved,
    Refused,
}

/// <summary>
/// A review was decided for good (after the second reviewer, when four eyes were needed). The owning module acts on its
/// own kinds (idempotently: ADR 0009) and ignores the others.
/// </summary>
/// <param name="ReasonCodes">The refusal reasons chosen (codes of <see cref="ReviewReason"/>); empty when approved.</param>
/// <param name="SecondReviewer">Who confirmed an approval that needed four eyes; null otherwise.</param>
public sealed record ReviewDecided(
    long TaskId, string Kind, string SubjectId, string? Uscc, ReviewOutcome Outcome, IReadOnlyList<string> ReasonCodes, string Note,
    string DecidedBy, string? SecondReviewer, DateTimeOffset DecidedAt) : IDomainEvent
{
    public static string EventType => "reviews.review_decided";
}

/// <summary>The reviewer asked the applicant for more information; the task's clock is paused until it is answered.</summary>
public sealed record InformationRequested(long TaskId, string Kind, string SubjectId, string? Uscc, string Question, string RequestedBy) : IDomainEvent
{
    public static string EventType => "reviews.information_requested";
}
