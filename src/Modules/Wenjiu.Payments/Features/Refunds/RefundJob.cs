using System.Globalization;
using Wenjiu.Platform.Jobs;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>
/// A year's refund batch started from the staff page (<c>payments.refunds</c>), on the platform's job queue (ADR 0008),
/// with progress. Safe to attempt again: each attempt replaces the year's rows in one transaction, and sending the
/// eligible list to review is idempotent per employer.
/// </summary>
internal sealed class RefundJob(RefundBatch batch, RefundReviews reviews) : IQueuedJob
{
    public const string Kind = "payments.refunds";

    internal sealed record Parameters(int Year);

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var year = run.ParametersAs<Parameters>().Year;
        var result = await batch.AssessAsync(year, run.StartedBy, (done, ct) => run.ReportProgressAsync(done, null, null, ct), cancellationToken);
        await run.ReportProgressAsync(result.Employers, result.Employers, null, cancellationToken);
        var sent = await reviews.SendAsync(year, run.StartedBy, cancellationToken);
        return System.Text.Json.JsonSerializer.Serialize(new { year, run = result.Id, employers = result.Employers, eligible = result.Eligible, refund = result.Refund.ToString("0.00", CultureInfo.InvariantCulture), sent_to_review = sent });
    }
}
