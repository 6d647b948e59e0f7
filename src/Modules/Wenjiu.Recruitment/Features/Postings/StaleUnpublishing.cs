using System.Globalization;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Jobs;

namespace Wenjiu.Recruitment.Features.Postings;

/// <summary>
/// Daily: unpublishes the open postings nobody refreshed within <see cref="PostingOptions.StaleAfterDays"/>, so that a
/// seeker does not apply to a job long filled (Les emplois de l'inclusion). A scheduled job on the shared store: one
/// node sweeps; every node's index sees the closings through the change sequence.
/// </summary>
internal sealed class StaleUnpublishing(Postings postings) : IQueuedJob
{
    public const string Kind = "recruitment.unpublish-stale";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var closed = await postings.UnpublishStaleAsync(cancellationToken);
        await run.ReportProgressAsync(closed, closed, null, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{{\"unpublished\":{closed}}}");
    }
}

/// <summary>A ledger line opened, changed, frozen, filled or closed: its posting follows (published, updated or closed).</summary>
internal sealed class PublishDemandLine(Postings postings) : IEventHandler<DemandLineChanged>
{
    public async Task HandleAsync(DemandLineChanged message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await postings.ApplyLineAsync(message.Line, cancellationToken);
    }
}
