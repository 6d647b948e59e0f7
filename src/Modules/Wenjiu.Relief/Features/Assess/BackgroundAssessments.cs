using System.Globalization;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// Assessments started from a page or the API run in the background on the platform's job queue (ADR 0008): the queued
/// request survives a restart, runs on whichever node is free, and its id is the assessment run's id, so the page can poll
/// it at once. Until an attempt starts there is no assessment row; the job run says it is queued and for which month.
/// </summary>
internal sealed class BackgroundAssessments(IJobQueue jobs)
{
    public Task<Guid> EnqueueAsync(YearMonth month, string startedBy, CancellationToken cancellationToken = default) =>
        jobs.EnqueueAsync(AssessmentJob.Kind, new AssessmentJob.Parameters(month.ToString()), startedBy, cancellationToken: cancellationToken);

    /// <summary>A queued assessment that has no run row yet (or none any more: it failed before it started).</summary>
    public async Task<QueuedAssessment?> QueuedAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var run = await jobs.FindAsync(runId, cancellationToken);
        return run is { Kind: AssessmentJob.Kind }
            ? new QueuedAssessment(run.Id, YearMonth.Parse(run.ParametersAs<AssessmentJob.Parameters>().Month, CultureInfo.InvariantCulture), run.StartedBy)
            : null;
    }
}

internal sealed record QueuedAssessment(Guid RunId, YearMonth Month, string StartedBy);

/// <summary>
/// One queued assessment of a month (<c>relief.assessment</c>). Safe to attempt again: a version is written under the
/// assessment lock and made current in one transaction, and an earlier attempt's leftovers give way to the next
/// (<see cref="MonthlyAssessment.AssessAsync"/>), so a recovery after a crash gives the totals the first attempt would have.
/// </summary>
internal sealed class AssessmentJob(MonthlyAssessment assessment) : IQueuedJob
{
    public const string Kind = "relief.assessment";

    internal sealed record Parameters(string Month);

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var month = YearMonth.Parse(run.ParametersAs<Parameters>().Month, CultureInfo.InvariantCulture);
        var outcome = await assessment.AssessAsync(month, run.StartedBy, run.RunId, cancellationToken);
        if (outcome.Status == AssessmentStatus.Failed)
        {
            // Refused (no parameters in force) or failed: the assessment row says why; the job run fails with it.
            throw new InvalidOperationException(outcome.Message ?? "The assessment failed.");
        }

        return System.Text.Json.JsonSerializer.Serialize(new { month = month.ToString(), version = outcome.Version, status = outcome.Status.ToString() });
    }
}
