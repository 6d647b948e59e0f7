using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Jobs;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Jobs;

/// <summary>The platform's jobs on Quartz's persistent store (ADR 0008), on both providers unless said otherwise.</summary>
public sealed class JobTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_queued_job_runs_and_records_its_result_and_progress(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings());
        await using var host = factory.WithTestJobs();

        var id = await host.EnqueueAsync(EchoJob.Kind, new { month = "2020-02" });
        var run = await host.WaitAsync(id, r => r.IsFinished);

        Assert.Equal((JobRunState.Succeeded, 1, "{\"month\":\"2020-02\"}", 1L, 1L, "echoed", "tester"),
            (run.State, run.Attempts, run.Result, run.ProgressDone, run.ProgressTotal, run.ProgressMessage, run.StartedBy));
        Assert.NotNull(run.StartedAt);
        Assert.NotNull(run.FinishedAt);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_job_queued_on_a_host_whose_scheduler_is_stopped_runs_on_the_next_host_to_start(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings(runScheduler: false));
        Guid id;
        await using (var stopped = factory.WithTestJobs())
        {
            id = await stopped.EnqueueAsync(EchoJob.Kind, new { n = 7 });
            await Task.Delay(1500);
            Assert.Equal(JobRunState.Queued, (await stopped.RunAsync(id)).State);
        }

        await using var restartedFactory = JobHosts.SameDatabase(factory, JobHosts.Settings());
        await using var restarted = restartedFactory.WithTestJobs();
        var run = await restarted.WaitAsync(id, r => r.IsFinished);

        Assert.Equal((JobRunState.Succeeded, "{\"n\":7}"), (run.State, run.Result));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_running_job_asked_to_cancel_stops_within_seconds_and_is_marked_cancelled(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings());
        await using var host = factory.WithTestJobs();
        var id = await host.EnqueueAsync(SlowJob.Kind);
        var running = await host.WaitAsync(id, r => r.State == JobRunState.Running && r.ProgressDone > 0);
        Assert.Equal(JobRunState.Running, running.State);

        bool accepted;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            accepted = await scope.ServiceProvider.GetRequiredService<IJobQueue>().RequestCancellationAsync(id, "admin");
        }

        var run = await host.WaitAsync(id, r => r.IsFinished, seconds: 10);
        Assert.True(accepted);
        Assert.Equal((JobRunState.Cancelled, true, "admin"), (run.State, run.CancellationRequested, run.CancellationRequestedBy));
        Assert.True(run.ProgressDone < 600, "the job stopped before its end");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_queued_job_cancelled_before_it_starts_never_runs(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings(runScheduler: false));
        await using var host = factory.WithTestJobs();
        var id = await host.EnqueueAsync(EchoJob.Kind);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<IJobQueue>().RequestCancellationAsync(id, "admin"));
        }

        await using var nextFactory = JobHosts.SameDatabase(factory, JobHosts.Settings());
        await using var next = nextFactory.WithTestJobs();
        await Task.Delay(3000);
        var run = await next.RunAsync(id);
        Assert.Equal((JobRunState.Cancelled, 0, null), (run.State, run.Attempts, run.Result));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_retryable_job_that_fails_is_attempted_again_until_it_succeeds(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings());
        await using var host = factory.WithTestJobs();

        var id = await host.EnqueueAsync(FlakyJob.Kind);
        var run = await host.WaitAsync(id, r => r.IsFinished);

        Assert.Equal((JobRunState.Succeeded, 3, "attempt 3", (string?)null), (run.State, run.Attempts, run.Result, run.Error));

        // Attempts 2 and 3 waited 1 s and 2 s after the failures before them.
        Assert.True(run.FinishedAt - run.QueuedAt >= TimeSpan.FromSeconds(3), $"took {run.FinishedAt - run.QueuedAt}");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_job_that_is_not_retryable_fails_once(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, JobHosts.Settings());
        await using var host = factory.WithTestJobs();

        var id = await host.EnqueueAsync(FailingJob.Kind);
        var run = await host.WaitAsync(id, r => r.IsFinished);
        await Task.Delay(1500);
        run = await host.RunAsync(id);

        Assert.Equal((JobRunState.Failed, 1, "not today"), (run.State, run.Attempts, run.Error));
    }

    [Fact]
    public void The_delay_before_a_retry_doubles_up_to_its_ceiling()
    {
        var retry = JobRetry.UpTo(6, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));

        var delays = Enumerable.Range(1, 5).Select(failed => JobRunner.RetryDelay(retry, failed)).ToList();

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)], delays);
    }

    /// <summary>Clustering is PostgreSQL's alone: Quartz refuses it on SQLite, the single-node embedded default.</summary>
    [Fact]
    public async Task Two_hosts_on_one_PostgreSQL_run_each_firing_of_a_scheduled_job_once()
    {
        var settings = JobHosts.Settings();
        settings[$"Jobs:Intervals:{ExpiredSignInSessions.Kind}"] = "00:00:01";
        await using var first = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, settings);
        await using var second = JobHosts.SameDatabase(first, settings);

        // Both nodes start together (Quartz's SQL Server store once deadlocked on that).
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));
        var runs = await first.RunsAsync(ExpiredSignInSessions.Kind);
        for (var waited = 0; waited < 600 && runs.Count(r => r.IsFinished) < 8; waited++)
        {
            await Task.Delay(100);
            runs = await first.RunsAsync(ExpiredSignInSessions.Kind);
        }

        var firings = runs.Select(r => r.Parameters).ToList();
        Assert.True(firings.Count >= 8, $"{firings.Count} firings");
        Assert.Equal(firings.Count, firings.Distinct(StringComparer.Ordinal).Count());
        Assert.All(runs.Where(r => r.IsFinished), r => Assert.Equal(JobRunState.Succeeded, r.State));
    }
}
