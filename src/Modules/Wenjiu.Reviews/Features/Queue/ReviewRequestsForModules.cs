using Wenjiu.Reviews.Contracts;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary><see cref="IReviewRequests"/> for the modules whose requests are reviewed here: the queue's own methods.</summary>
internal sealed class ReviewRequestsForModules(ReviewQueue queue) : IReviewRequests
{
    public Task<long> OpenAsync(ReviewRequest request, string openedBy, CancellationToken cancellationToken = default) =>
        queue.OpenAsync(request, openedBy, cancellationToken);

    public Task<int> OpenManyAsync(IReadOnlyList<ReviewRequest> requests, string openedBy, CancellationToken cancellationToken = default) =>
        queue.OpenManyAsync(requests, openedBy, cancellationToken);

    public Task WithdrawAsync(string kind, string subjectId, string reason, string by, CancellationToken cancellationToken = default) =>
        queue.WithdrawAsync(kind, subjectId, reason, by, cancellationToken);

    public Task<IReadOnlyList<string>> UndecidedSubjectsAsync(string kind, string subjectPrefix, CancellationToken cancellationToken = default) =>
        queue.UndecidedSubjectsAsync(kind, subjectPrefix, cancellationToken);
}
