using System.Globalization;
using Wenjiu.Platform.Jobs;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary>
/// Every hour, escalates the tasks past their due date (once each) and tells the team leads: the timeliness goal of
/// the queue (Caseflow's) needs someone to hear of a miss the hour it happens, not at the next look at the team view.
/// A scheduled job on the shared store, so on a cluster each hour's sweep runs on one node (ADR 0008).
/// </summary>
internal sealed class OverdueEscalation(ReviewQueue queue) : IQueuedJob
{
    public const string Kind = "reviews.escalate-overdue";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var escalated = await queue.EscalateOverdueAsync(cancellationToken);
        await run.ReportProgressAsync(escalated, escalated, null, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{{\"escalated\":{escalated}}}");
    }
}
