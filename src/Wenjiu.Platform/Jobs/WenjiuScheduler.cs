using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;
using Wenjiu.Platform.Database;

namespace Wenjiu.Platform.Jobs;

/// <summary>
/// This node's Quartz scheduler on the persistent store, built on first use from the database options (which test hosts
/// and tools set after the services are registered, so it cannot be configured at registration time). PostgreSQL is
/// clustered (every node shares the store; a node's id is generated; a dead node's running jobs are recovered by another);
/// SQLite is not, since Quartz refuses clustering there, which suits the single-node embedded default.
/// </summary>
internal sealed class WenjiuScheduler(IServiceProvider services, DatabaseOptions database, IOptions<JobsOptions> options, ILoggerFactory loggers) : IAsyncDisposable
{
    public const string Name = "wenjiu";

    private readonly SemaphoreSlim building = new(1, 1);
    private StandaloneSchedulerFactory? factory;

    public async Task<IScheduler> GetAsync(CancellationToken cancellationToken = default)
    {
        if (factory is not null)
        {
            return await factory.GetScheduler(cancellationToken);
        }

        await building.WaitAsync(cancellationToken);
        try
        {
            factory ??= Build();
        }
        finally
        {
            building.Release();
        }

        return await factory.GetScheduler(cancellationToken);
    }

    private StandaloneSchedulerFactory Build()
    {
        var jobs = options.Value;
        var isSqlite = !database.IsPostgres;
        return QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.Services.AddSingleton(loggers);
            quartz.UseJobFactory(new RunJobFactory(services));
            quartz.UseDefaultThreadPool(Math.Max(1, jobs.Threads));
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = Name;
                scheduler.IdleWaitTime = jobs.IdleWait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : jobs.IdleWait;

                // A node that stops asks its running jobs to stop; RecoverFiringsCancelledByShutdown hands them back.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            quartz.UsePersistentStore(store =>
            {
                if (isSqlite)
                {
                    // WAL is set by the migrator; the busy timeout lets Quartz's short writes wait for the app's.
                    store.UseSqlite(database.ConnectionString.TrimEnd(';') + ";Default Timeout=30");
                }
                else
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(clustering =>
                    {
                        clustering.CheckinInterval = jobs.ClusterCheckin;
                        clustering.CheckinMisfireThreshold = jobs.ClusterCheckin;
                    });
                }

                store.ConfigureStore(ado =>
                {
                    ado.TablePrefix = QuartzSchema.TablePrefix(isSqlite);
                    ado.RecoverFiringsCancelledByShutdown = true;
                });
                store.UseSystemTextJsonSerializer();
            });
        }).Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        building.Dispose();
    }
}

/// <summary>Every trigger fires <see cref="QuartzRunJob"/>, which hands the firing to <see cref="JobRunner"/>.</summary>
internal sealed class RunJobFactory(IServiceProvider services) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new JobScope(new QuartzRunJob(services), null));

    public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

/// <summary>The one Quartz job type: its job key names the kind (registered with AddJob), its trigger carries the run's id.</summary>
internal sealed class QuartzRunJob(IServiceProvider services) : IJob
{
    public const string RunIdKey = "run_id";
    public const string RunsGroup = "runs";
    public const string ScheduledGroup = "scheduled";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runner = services.GetRequiredService<JobRunner>();
        await runner.RunAsync(context, cancellationToken);
    }

    /// <summary>Schedules one attempt of a queued run: a one-off trigger on its kind's job, which is stored once, durable and recovered after a crash.</summary>
    public static async Task ScheduleAttemptAsync(IScheduler scheduler, JobDefinition definition, Guid runId, int attempt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<QuartzRunJob>()
            .WithIdentity(definition.Kind, RunsGroup)
            .StoreDurably()
            .RequestRecovery()

            // One run of a kind at a time across the cluster: imports, assessments and scenario runs each read or write
            // a whole month or file, and two at once would only contend (the old in-memory workers ran one at a time too).
            .DisallowConcurrentExecution()
            .Build();
        if (await scheduler.GetJobDetail(job.Key, cancellationToken) is null)
        {
            try
            {
                await scheduler.AddJob(job, new AddJobOptions(), cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node or request stored it first: the same definition.
            }
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity($"{runId:N}.{attempt}", RunsGroup)
            .ForJob(job.Key)
            .UsingJobData(RunIdKey, runId.ToString("N"))
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
    }
}
