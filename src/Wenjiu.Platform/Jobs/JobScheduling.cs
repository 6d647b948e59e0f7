using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Wenjiu.Platform.Database;

namespace Wenjiu.Platform.Jobs;

/// <summary>A job fired by its schedule rather than queued by a user: its kind, and how often.</summary>
public sealed record ScheduledJob(string Kind, TimeSpan Interval);

/// <summary>
/// Starts this node's scheduler once the database is migrated (a host may start before <c>wenjiu migrate</c> has run, and
/// the test host migrates its template through a running host), puts the scheduled jobs' triggers in the store (once for
/// the whole cluster: the store keeps one trigger per job), and stops the scheduler with the host, asking running jobs to
/// stop so that their runs are handed back and recovered.
/// </summary>
internal sealed class JobScheduling(
    WenjiuScheduler schedulers, IServiceScopeFactory scopes, IEnumerable<ScheduledJob> scheduled, JobDefinitions definitions,
    IOptions<JobsOptions> options, TimeProvider clock, ILogger<JobScheduling> logger) : BackgroundService, IHostedLifecycleService
{
    // Never disposed: a test host stops a host twice, the second time after disposing it, and must find the gate still there.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213", Justification = "See above; a SemaphoreSlim without its wait handle holds nothing to release.")]
    private readonly SemaphoreSlim gate = new(1, 1);
    private IScheduler? started;
    private bool stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunScheduler)
        {
            return;
        }

        while (!await MigratedAsync(stoppingToken))
        {
            await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
        }

        await gate.WaitAsync(stoppingToken);
        try
        {
            if (stopping)
            {
                return;
            }

            var scheduler = await schedulers.GetAsync(stoppingToken);
            foreach (var job in scheduled)
            {
                await ScheduleAsync(scheduler, job, stoppingToken);
            }

            await scheduler.Start(stoppingToken);
            started = scheduler;
            logger.LogInformation("Job scheduler {Node} started", scheduler.SchedulerInstanceId);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The scheduler stops first thing when the host stops, while every service is still there: running jobs are asked to
    /// stop (their runs handed back and recovered later), and the node leaves the cluster cleanly.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            stopping = true;
            if (started is { } scheduler)
            {
                started = null;
                await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
            }
        }
        catch (ObjectDisposedException)
        {
            // Another party already disposed the host's services (the test host stops a host twice): nothing left to stop.
        }
        finally
        {
            gate.Release();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> MigratedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var pending = await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(platform.Database, cancellationToken);
            return !pending.Any();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task ScheduleAsync(IScheduler scheduler, ScheduledJob job, CancellationToken cancellationToken)
    {
        _ = definitions.Find(job.Kind);
        var interval = options.Value.Intervals.TryGetValue(job.Kind, out var configured) ? configured : job.Interval;
        var detail = JobBuilder.Create<QuartzRunJob>()
            .WithIdentity(job.Kind, QuartzRunJob.ScheduledGroup)
            .StoreDurably()
            .DisallowConcurrentExecution()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(job.Kind, QuartzRunJob.ScheduledGroup)
            .ForJob(detail.Key)
            .StartAt(clock.GetUtcNow() + interval)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        try
        {
            if (await scheduler.GetTrigger(trigger.Key, cancellationToken) is ISimpleTrigger existing && existing.RepeatInterval == interval)
            {
                return;
            }

            // A new interval replaces the old trigger; nodes starting together race here, and the loser's store finds it there.
            await scheduler.ScheduleJob(detail, trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
        }
    }
}

/// <summary>Each module registers its jobs in its <c>AddX()</c> by explicit calls (no assembly scanning).</summary>
public static class JobRegistration
{
    /// <summary>Registers <typeparamref name="TJob"/> (scoped: one per attempt) as the job that runs runs of <paramref name="kind"/>.</summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services, string kind, JobRetry retry)
        where TJob : class, IQueuedJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kind.Length, JobRun.KindLength);
        services.AddScoped<TJob>();
        services.AddSingleton(new JobDefinition(kind, typeof(TJob), retry));
        return services;
    }

    /// <summary>Registers <typeparamref name="TJob"/> to run every <paramref name="interval"/>, once per interval across the cluster (never retried: the next firing is the retry).</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string kind, TimeSpan interval)
        where TJob : class, IQueuedJob
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        services.AddJob<TJob>(kind, JobRetry.Never);
        services.AddSingleton(new ScheduledJob(kind, interval));
        return services;
    }

    /// <summary>The platform's part: the queue, the runner, the scheduler and its hosted service, the metrics, and the platform's own scheduled job.</summary>
    internal static IServiceCollection AddJobs(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        services.AddSingleton<JobDefinitions>();
        services.AddSingleton<WenjiuScheduler>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobMetrics>();
        services.AddScoped<IJobQueue, JobQueue>();
        services.AddHostedService<JobScheduling>();
        services.AddScheduledJob<ExpiredSignInSessions>(ExpiredSignInSessions.Kind, TimeSpan.FromHours(1));
        return services;
    }
}
