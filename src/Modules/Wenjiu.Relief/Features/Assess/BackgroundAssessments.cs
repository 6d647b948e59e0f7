using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// Assessments started from a page run in the background so that the page can show progress. The run's id is chosen
/// here and handed to the run, so the page can poll it at once; until the worker starts it, it is "queued" in this
/// process (a run row only exists once it runs, so that a queued request lost with its process leaves nothing behind).
/// </summary>
internal sealed class BackgroundAssessments
{
    private readonly Channel<QueuedAssessment> pending = Channel.CreateUnbounded<QueuedAssessment>();
    private readonly ConcurrentDictionary<Guid, QueuedAssessment> queued = new();

    public Guid Enqueue(YearMonth month, string startedBy)
    {
        var job = new QueuedAssessment(Guid.NewGuid(), month, startedBy);
        queued[job.RunId] = job;
        pending.Writer.TryWrite(job);
        return job.RunId;
    }

    public QueuedAssessment? Queued(Guid runId) => queued.GetValueOrDefault(runId);

    internal ChannelReader<QueuedAssessment> Reader => pending.Reader;

    internal void Started(Guid runId) => queued.TryRemove(runId, out _);
}

internal sealed record QueuedAssessment(Guid RunId, YearMonth Month, string StartedBy);

/// <summary>Runs queued assessments one at a time (the assessment lock would serialise them anyway).</summary>
internal sealed class AssessmentWorker(BackgroundAssessments queue, IServiceScopeFactory scopes, ILogger<AssessmentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var assessment = scope.ServiceProvider.GetRequiredService<MonthlyAssessment>();

                // Kept in the queue until the run ends: readers look for the run row first, so the id is never unknown.
                await assessment.AssessAsync(job.Month, job.StartedBy, job.RunId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Assessment {RunId} of {Month} failed", job.RunId, job.Month);
            }
            finally
            {
                queue.Started(job.RunId);
            }
        }
    }
}
