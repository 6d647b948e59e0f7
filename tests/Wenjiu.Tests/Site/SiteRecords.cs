using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using Wenjiu.Tests.Relief;

namespace Wenjiu.Tests.Site;

/// <summary>
/// A small but complete data set, one record of every kind a page shows: employers with insured spells (the four of
/// <see cref="SmallRegistry"/>), an employers import with a rejected line, two versions of February 2020's assessment
/// (so there is a diff), a deferral, a scenario and a finished run of it, and an enterprise user bound to employer A.
/// </summary>
internal sealed record SiteRecords(
    SmallRegistry Employers,
    Guid ImportRunId,
    Guid AssessmentRunId,
    Guid ScenarioId,
    Guid ScenarioRunId,
    long DeferralId,
    string EnterpriseUserId)
{
    public const string Month = "2020-02";

    /// <summary>The employer the enterprise user acts for.</summary>
    public string OwnEmployer => Employers.A;

    /// <summary>An employer the enterprise user does not act for.</summary>
    public string OtherEmployer => Employers.B;

    public static async Task<SiteRecords> ArrangeAsync(WenjiuFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var employers = await SmallRegistry.ArrangeAsync(factory);

        var import = await factory.ImportAsync(ImportKind.Employers, "employers.csv", string.Join('\n',
            "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise",
            $"{RegistryData.NewUscc()},北京导入科技有限公司,software_it,110105,12,300,200,0.4,false",
            $"{RegistryData.NewUscc()},,retail,110101,3,80,40,0.4,false") + "\n");

        await SmallRegistry.AssessAsync(factory, SmallRegistry.February);
        var second = await SmallRegistry.AssessAsync(factory, SmallRegistry.February);
        Assert.True(second.Completed, second.Message);

        Guid scenarioId;
        Guid scenarioRunId;
        long deferralId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var deferrals = scope.ServiceProvider.GetRequiredService<DeferralHandler>();
            var deferral = await deferrals.RecordAsync(new DeferralInput(employers.A, "2020-02", "2020-04", "京人社缓〔2020〕1号"), "tester");
            Assert.NotNull(deferral.Deferral);
            deferralId = deferral.Deferral.Id;

            var scenarios = scope.ServiceProvider.GetRequiredService<ScenarioHandler>();
            var (saved, problems) = await scenarios.SaveAsync(null, new ScenarioForm("延长减半", "大型企业减半延至年底", ScenarioExamples.Find("extend-large-halving")!.OverridesYaml), "tester");
            Assert.Empty(problems);
            scenarioId = saved!.Value;
            var (run, runProblems) = await scenarios.StartRunAsync(scenarioId, Month, Month, "tester");
            Assert.Empty(runProblems);
            scenarioRunId = run!.Value;
        }

        await WaitForScenarioRunAsync(factory, scenarioRunId);
        var enterprise = await SignIn.CreateUserAsync(factory, Roles.Enterprise, employers.A);
        return new SiteRecords(employers, import.RunId, second.RunId, scenarioId, scenarioRunId, deferralId, enterprise.Id);
    }

    private static async Task WaitForScenarioRunAsync(WenjiuFactory factory, Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var view = await scope.ServiceProvider.GetRequiredService<ScenarioRunViewHandler>().FindAsync(runId);
            if (view is { IsFinished: true })
            {
                Assert.Equal(AssessmentStatus.Completed, view.Run.Status);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The scenario run did not finish within 30 seconds.");
            await Task.Delay(100);
        }
    }
}
