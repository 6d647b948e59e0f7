using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Jobs;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Jobs;

/// <summary>Hosts with the test jobs registered, and waiting for a run to get somewhere.</summary>
internal static class JobHosts
{
    /// <summary>Quick to see queued work and cancel requests; the real intervals are seconds, not fractions.</summary>
    public static Dictionary<string, string?> Settings(bool runScheduler = true) => new()
    {
        ["Jobs:RunScheduler"] = runScheduler ? "true" : "false",
        ["Jobs:IdleWait"] = "00:00:01",
        ["Jobs:CancellationPoll"] = "00:00:00.200",
        ["Jobs:ClusterCheckin"] = "00:00:02",
    };

    public static WebApplicationFactory<Program> WithTestJobs(this WenjiuFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services
            .AddJob<EchoJob>(EchoJob.Kind, JobRetry.Never)
            .AddJob<SlowJob>(SlowJob.Kind, JobRetry.Never)
            .AddJob<FlakyJob>(FlakyJob.Kind, JobRetry.UpTo(3, TimeSpan.FromSeconds(1)))
            .AddJob<FailingJob>(FailingJob.Kind, JobRetry.Never)));

    /// <summary>A second host (another node, or the same one restarted) on the same database.</summary>
    public static WenjiuFactory SameDatabase(WenjiuFactory first, Dictionary<string, string?> settings) =>
        new(first.ConnectionString, first.Provider, settings, first.DataDirectory);

    public static async Task<Guid> EnqueueAsync(this WebApplicationFactory<Program> host, string kind, object? parameters = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IJobQueue>().EnqueueAsync(kind, parameters, "tester");
    }

    public static async Task<JobRun> RunAsync(this WebApplicationFactory<Program> host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().JobRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public static async Task<List<JobRun>> RunsAsync(this WebApplicationFactory<Program> host, string kind)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().JobRuns.AsNoTracking().Where(r => r.Kind == kind).ToListAsync();
    }

    /// <summary>Polls the run until <paramref name="reached"/> holds (or a minute passes: then the last state is returned for the assertion).</summary>
    public static async Task<JobRun> WaitAsync(this WebApplicationFactory<Program> host, Guid id, Func<JobRun, bool> reached, int seconds = 60)
    {
        var run = await host.RunAsync(id);
        for (var waited = 0; waited < seconds * 10 && !reached(run); waited++)
        {
            await Task.Delay(100);
            run = await host.RunAsync(id);
        }

        return run;
    }
}

/// <summary>Answers its parameters back.</summary>
internal sealed class EchoJob : IQueuedJob
{
    public const string Kind = "test.echo";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        await run.ReportProgressAsync(1, 1, "echoed", cancellationToken);
        return run.Parameters;
    }
}

/// <summary>Works for a minute in small steps, reporting each, unless asked to stop.</summary>
internal sealed class SlowJob : IQueuedJob
{
    public const string Kind = "test.slow";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        for (var step = 1; step <= 600; step++)
        {
            await Task.Delay(100, cancellationToken);
            await run.ReportProgressAsync(step, 600, "working", cancellationToken);
        }

        return "done";
    }
}

/// <summary>Fails its first two attempts, then succeeds (an idempotent job meeting a passing fault).</summary>
internal sealed class FlakyJob : IQueuedJob
{
    public const string Kind = "test.flaky";

    public Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken) =>
        run.Attempt < 3 ? throw new InvalidOperationException($"attempt {run.Attempt} failed") : Task.FromResult<string?>($"attempt {run.Attempt}");
}

/// <summary>Always fails; registered as not retryable.</summary>
internal sealed class FailingJob : IQueuedJob
{
    public const string Kind = "test.failing";

    public Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken) => throw new InvalidOperationException("not today");
}
