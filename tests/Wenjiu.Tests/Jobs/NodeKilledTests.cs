using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Jobs;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Relief;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Jobs;

/// <summary>
/// A node killed mid-job (kill -9 of the real executable) leaves its job to another node, which runs it again and gets
/// what a clean run gets. PostgreSQL only: recovery by another node is Quartz's clustering, which SQLite does not have.
/// </summary>
public sealed class NodeKilledTests
{
    [Fact]
    public async Task An_assessment_whose_node_is_killed_mid_run_is_finished_by_another_node_with_the_totals_of_a_clean_run()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, JobHosts.Settings(runScheduler: false));
        await DemoCity.ImportAsync(factory);
        var clean = await AssessAsync(factory, February);
        var cleanFigures = (await RowsAsync(factory, clean.RunId)).Select(Figures).ToList();

        Guid id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<BackgroundAssessments>().EnqueueAsync(February, "tester");
        }

        await using (var first = StartNode(factory))
        {
            // Killed as soon as it has started the assessment: the demo month takes about a second.
            var started = await factory.WaitAsync(id, r => r.State == JobRunState.Running, seconds: 120);
            Assert.Equal(JobRunState.Running, started.State);
            first.Kill();
        }

        var killed = await factory.RunAsync(id);
        await using var second = StartNode(factory);
        var run = await factory.WaitAsync(id, r => r.IsFinished, seconds: 120);

        Assert.Equal((JobRunState.Running, 1), (killed.State, killed.Attempts));
        Assert.Equal((JobRunState.Succeeded, 2), (run.State, run.Attempts));
        Assert.NotEqual(killed.Node, run.Node);
        var figures = (await RowsAsync(factory, id)).Select(Figures).ToList();
        Assert.Equal(cleanFigures.Count, figures.Count);
        Assert.Equal(cleanFigures, figures);
    }

    private static Executable StartNode(WenjiuFactory factory)
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-node-").FullName;
        return Executable.Start(directory, ["--urls", $"http://127.0.0.1:{Executable.FreePort()}", "--contentRoot", AppContext.BaseDirectory], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = factory.ConnectionString,
            ["PersonalData__EncryptionKey"] = WenjiuFactory.EncryptionKey,
            ["PersonalData__LookupKey"] = WenjiuFactory.LookupKey,
            ["Audit__ChainKey"] = WenjiuFactory.AuditChainKey,
            ["Jobs__IdleWait"] = "00:00:01",
            ["Jobs__ClusterCheckin"] = "00:00:02",
        });
    }
}
