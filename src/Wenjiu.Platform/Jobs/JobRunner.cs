using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Wenjiu.Platform.Jobs;

/// <summary>
/// Runs one attempt of a job run on this node: claims the row, runs the module's job in its own scope, watches the row for
/// a cancel request, and writes how the attempt ended (succeeded; failed, or queued again after a growing delay while
/// attempts remain; cancelled; handed back when this node stops). The row is the truth people read; Quartz only decides
/// when and where an attempt starts.
/// </summary>
internal sealed class JobRunner(
    IServiceScopeFactory scopes, JobDefinitions definitions, JobMetrics metrics, TimeProvider clock, IOptions<JobsOptions> options,
    ILogger<JobRunner> logger)
{
    public async Task RunAsync(IJobExecutionContext context, CancellationToken stopping)
    {
        var kind = context.JobDetail.Key.Name;
        if (definitions.TryFind(kind) is not { } definition)
        {
            logger.LogError("A trigger fired job kind {Kind}, which no module registers: ignored", kind);
            return;
        }

        var runId = context.MergedJobDataMap.TryGetValue(QuartzRunJob.RunIdKey, out var id) && id is string text && Guid.TryParse(text, out var parsed)
            ? parsed
            : await StartScheduledRunAsync(definition, context.ScheduledFireTimeUtc ?? clock.GetUtcNow(), stopping);
        var node = context.Scheduler.SchedulerInstanceId;

        JobRun run;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var found = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, stopping);
            if (found is null || found.IsFinished)
            {
                // Cancelled while it waited, or finished by an attempt that a retry trigger outlived: nothing to do.
                return;
            }

            var now = clock.GetUtcNow();
            var claimed = await db.JobRuns.Where(r => r.Id == runId && (r.State == JobRunState.Queued || r.State == JobRunState.Running))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.State, JobRunState.Running)
                        .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                        .SetProperty(r => r.StartedAt, now)
                        .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null)
                        .SetProperty(r => r.Node, node),
                    stopping);
            if (claimed == 0)
            {
                return;
            }

            run = await db.JobRuns.AsNoTracking().FirstAsync(r => r.Id == runId, stopping);

            // Running before this attempt claimed it: an earlier attempt was cut short (a crash, a kill -9), or Quartz says so.
            var resumed = found.State == JobRunState.Running || context.Recovering;
            await AttemptAsync(definition, run, resumed, context, stopping);
        }
    }

    private async Task AttemptAsync(JobDefinition definition, JobRun run, bool resumed, IJobExecutionContext context, CancellationToken stopping)
    {
        using var cancelled = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancelled.Token);
        using var watching = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var watcher = WatchForCancellationAsync(run.Id, cancelled, watching.Token);
        string outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = (IQueuedJob)scope.ServiceProvider.GetRequiredService(definition.JobType);
            var runContext = new JobRunContext(run.Id, run.Kind, run.Parameters, run.StartedBy, run.Attempts, resumed, (done, total, message, token) => ReportAsync(run.Id, done, total, message, token));
            var result = await job.RunAsync(runContext, linked.Token);
            await FinishAsync(run.Id, JobRunState.Succeeded, result, null);
            outcome = "succeeded";
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
        {
            await FinishAsync(run.Id, JobRunState.Cancelled, null, null);
            outcome = "cancelled";
        }
        catch (Exception ex) when ((ex is OperationCanceledException && stopping.IsCancellationRequested) || ex is ObjectDisposedException)
        {
            // This node is stopping: the run goes back to the queue and Quartz recovers the firing (on another node, or here
            // on restart). With the host's services already gone the row stays running, which the next attempt reads as resumed.
            try
            {
                await UpdateAsync(run.Id, s => s.SetProperty(r => r.State, JobRunState.Queued));
            }
            catch (ObjectDisposedException)
            {
            }

            outcome = "interrupted";
            metrics.Record(definition.Kind, outcome, watch.Elapsed);
            await StopWatchingAsync(watching, watcher);
            throw;
        }
#pragma warning disable CA1031 // Any failure of a module's job is recorded on its run (and retried where safe), never lost in the scheduler.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            outcome = await FailAsync(definition, run, ex, context);
        }

        metrics.Record(definition.Kind, outcome, watch.Elapsed);
        await StopWatchingAsync(watching, watcher);
    }

    private async Task<string> FailAsync(JobDefinition definition, JobRun run, Exception ex, IJobExecutionContext context)
    {
        var error = Shorten(ex.Message);
        if (run.Attempts < Math.Min(run.MaxAttempts, definition.Retry.MaxAttempts))
        {
            var delay = RetryDelay(definition.Retry, run.Attempts);
            var at = clock.GetUtcNow() + delay;
            logger.LogWarning(ex, "Job {Kind} run {RunId} attempt {Attempt} failed; trying again at {At:O}", run.Kind, run.Id, run.Attempts, at);
            await UpdateAsync(run.Id, s => s.SetProperty(r => r.State, JobRunState.Queued).SetProperty(r => r.Error, error).SetProperty(r => r.NextAttemptAt, at));
            await QuartzRunJob.ScheduleAttemptAsync(context.Scheduler, definition, run.Id, run.Attempts + 1, at, CancellationToken.None);
            return "retrying";
        }

        logger.LogError(ex, "Job {Kind} run {RunId} failed after {Attempts} attempt(s)", run.Kind, run.Id, run.Attempts);
        await FinishAsync(run.Id, JobRunState.Failed, null, error);
        return "failed";
    }

    /// <summary>The first delay, doubled for each attempt already failed, at most the ceiling.</summary>
    internal static TimeSpan RetryDelay(JobRetry retry, int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Max(0, failedAttempts - 1));
        var ticks = Math.Min(retry.FirstDelay.Ticks * factor, retry.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private async Task WatchForCancellationAsync(Guid runId, CancellationTokenSource cancel, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(options.Value.CancellationPoll, clock, stop);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                if (await db.JobRuns.AnyAsync(r => r.Id == runId && r.CancellationRequested, stop))
                {
                    await cancel.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt ended.
        }
    }

    private static async Task StopWatchingAsync(CancellationTokenSource watching, Task watcher)
    {
        await watching.CancelAsync();
        await watcher;
    }

    private async Task ReportAsync(Guid runId, long done, long? total, string? message, CancellationToken cancellationToken)
    {
        var text = message is null ? null : Shorten(message, JobRun.MessageLength);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.JobRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.ProgressDone, done).SetProperty(r => r.ProgressTotal, total).SetProperty(r => r.ProgressMessage, text),
            cancellationToken);
    }

    private Task FinishAsync(Guid runId, JobRunState state, string? result, string? error)
    {
        var now = clock.GetUtcNow();
        var shortResult = result is null ? null : Shorten(result);
        return UpdateAsync(runId, s => s.SetProperty(r => r.State, state)
            .SetProperty(r => r.Result, shortResult)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null)
            .SetProperty(r => r.FinishedAt, now));
    }

    private async Task UpdateAsync(Guid runId, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<JobRun>> set)
    {
        // Written even when the attempt was cancelled or the node is stopping: the row must say how the attempt ended.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.JobRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(set, CancellationToken.None);
    }

    /// <summary>A scheduled firing has no queued row: it gets one now, so that its runs are listed and timed like the rest.</summary>
    private async Task<Guid> StartScheduledRunAsync(JobDefinition definition, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var run = new JobRun
        {
            Id = Guid.NewGuid(),
            Kind = definition.Kind,
            Parameters = System.Text.Json.JsonSerializer.Serialize(new { scheduled_for = scheduledFor.ToUniversalTime() }),
            StartedBy = JobRun.Schedule,
            State = JobRunState.Queued,
            QueuedAt = clock.GetUtcNow(),
            MaxAttempts = 1,
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    private static string Shorten(string text, int length = JobRun.ResultLength) => text.Length > length ? text[..length] : text;
}
