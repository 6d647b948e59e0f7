using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Wenjiu.Platform.Jobs;

/// <summary>Queues work to run in the background on whichever node is free, and asks a run to stop.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is the queue of background work, in the words of ADR 0008.")]
public interface IJobQueue
{
    /// <summary>
    /// Records a queued run of <paramref name="kind"/> (<c>platform.job_runs</c>) and schedules its one-off trigger in
    /// Quartz's store; returns the run's id at once. <paramref name="runId"/> lets a module give the run the id of its
    /// own row (an import run, an assessment run).
    /// </summary>
    Task<Guid> EnqueueAsync(string kind, object? parameters, string startedBy, Guid? runId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the run to stop: a queued run is cancelled at once; a running one is stopped by its node within seconds. False
    /// when there is no such run or it has already finished.
    /// </summary>
    Task<bool> RequestCancellationAsync(Guid runId, string requestedBy, CancellationToken cancellationToken = default);

    Task<JobRun?> FindAsync(Guid runId, CancellationToken cancellationToken = default);
}

/// <summary>The registered kinds, by name (<see cref="JobRegistration.AddJob"/>).</summary>
internal sealed class JobDefinitions(IEnumerable<JobDefinition> definitions)
{
    private readonly Dictionary<string, JobDefinition> byKind = definitions.ToDictionary(d => d.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<JobDefinition> All => byKind.Values;

    public JobDefinition Find(string kind) =>
        byKind.TryGetValue(kind, out var definition) ? definition : throw new InvalidOperationException($"No job of kind '{kind}' is registered (services.AddJob).");

    public JobDefinition? TryFind(string kind) => byKind.GetValueOrDefault(kind);
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is the queue of background work, in the words of ADR 0008.")]
internal sealed class JobQueue(PlatformDbContext db, JobDefinitions definitions, WenjiuScheduler schedulers, TimeProvider clock) : IJobQueue
{
    public async Task<Guid> EnqueueAsync(string kind, object? parameters, string startedBy, Guid? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startedBy);
        var definition = definitions.Find(kind);
        var run = new JobRun
        {
            Id = runId ?? Guid.NewGuid(),
            Kind = kind,
            Parameters = JsonSerializer.Serialize(parameters ?? new { }, JobRunContext.Json),
            StartedBy = startedBy.Length > 256 ? startedBy[..256] : startedBy,
            State = JobRunState.Queued,
            QueuedAt = clock.GetUtcNow(),
            MaxAttempts = definition.Retry.MaxAttempts,
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var scheduler = await schedulers.GetAsync(cancellationToken);
            await QuartzRunJob.ScheduleAttemptAsync(scheduler, definition, run.Id, 1, run.QueuedAt, cancellationToken);
        }
        catch
        {
            // Never a row that no trigger will ever run.
            await db.JobRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        return run.Id;
    }

    public async Task<bool> RequestCancellationAsync(Guid runId, string requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestedBy);
        var now = clock.GetUtcNow();

        // A run no attempt holds (first queued, or waiting for a retry) is over at once: when its trigger fires, the
        // runner finds it cancelled and does nothing.
        var cancelledWaiting = await db.JobRuns.Where(r => r.Id == runId && r.State == JobRunState.Queued)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.State, JobRunState.Cancelled)
                    .SetProperty(r => r.CancellationRequested, true)
                    .SetProperty(r => r.CancellationRequestedBy, requestedBy)
                    .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.FinishedAt, now),
                cancellationToken);
        if (cancelledWaiting > 0)
        {
            return true;
        }

        // A running attempt reads the flag within seconds on whichever node holds it (JobRunner) and stops.
        return await db.JobRuns.Where(r => r.Id == runId && r.State == JobRunState.Running)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.CancellationRequested, true).SetProperty(r => r.CancellationRequestedBy, requestedBy),
                cancellationToken) > 0;
    }

    public Task<JobRun?> FindAsync(Guid runId, CancellationToken cancellationToken = default) =>
        db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
}
