using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Relief.Billing;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Rules;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// A scenario run reads the registry once for its whole range (<see cref="IInsuredEmploymentSource.OpenMonthsAsync"/>)
/// and bills each spell in each of its months straight into sums per month and report class (<see cref="ScenarioBilling"/>):
/// the same sums, to the fen, as the assessment's billing of each month on its own (<see cref="SnapshotBilling"/>).
/// </summary>
public sealed class ScenarioBillingTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_range_read_gives_each_spell_active_in_the_range_once_with_the_months_it_is_active_in(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var a = await RegistryData.AddEmployerAsync(factory, "北京甲有限公司");
        var b = await RegistryData.AddEmployerAsync(factory, "北京乙有限公司");
        var person = await RegistryData.AddPersonAsync(factory, "王五", RegistryData.NewIdNumber());
        await RegistryData.AddSpellAsync(factory, person.Id, a.Uscc, 201901, wage: 1_000.01m);                  // before and through: 0…3
        await RegistryData.AddSpellAsync(factory, person.Id, a.Uscc, 202004, endMonth: 202005, wage: 2_000m);  // inside: 1…2
        await RegistryData.AddSpellAsync(factory, person.Id, b.Uscc, 201901, endMonth: 202003, wage: 3_000m);  // ends in the first month: 0…0
        await RegistryData.AddSpellAsync(factory, person.Id, b.Uscc, 202006, endMonth: 202109, wage: 4_000m);  // starts in the last month: 3…3
        await RegistryData.AddSpellAsync(factory, person.Id, b.Uscc, 201801, endMonth: 202002, wage: 5_000m);  // ended before the range
        await RegistryData.AddSpellAsync(factory, person.Id, b.Uscc, 202007, wage: 6_000m);                    // starts after it

        await using var scope = factory.Services.CreateAsyncScope();
        await using var read = await scope.ServiceProvider.GetRequiredService<IInsuredEmploymentSource>().OpenMonthsAsync(new YearMonth(2020, 3), new YearMonth(2020, 6));
        var employers = new List<string>();
        await foreach (var e in read.ReadEmployersAsync())
        {
            employers.Add(e.Uscc);
        }

        var spells = new List<string>();
        await foreach (var block in read.ReadSpellsAsync())
        {
            for (var r = 0; r < block.Count; r++)
            {
                spells.Add($"{employers[block.Employers[r]]} {block.WagesFen[r]} {block.FromMonths[r]}…{block.ToMonths[r]}");
            }
        }

        Assert.Equal([.. new[] { a.Uscc, b.Uscc }.Order(StringComparer.Ordinal)], employers);
        Assert.Equal(
            new[] { $"{a.Uscc} 100001 0…3", $"{a.Uscc} 200000 1…2", $"{b.Uscc} 300000 0…0", $"{b.Uscc} 400000 3…3" }.Order(StringComparer.Ordinal),
            spells.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scenario_run_over_a_range_stores_the_assessments_billing_of_each_month_summed_by_report_class(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await DemoCity.ImportAsync(factory);
        var example = ScenarioExamples.Find("extend-large-halving")!;
        var (first, last) = (new YearMonth(2020, 5), new YearMonth(2020, 8));
        var runId = await StartRunAsync(factory, example.OverridesYaml, first, last);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScenarioRunner>().RunAsync(runId);
        }

        var expected = new List<string>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            expected.AddRange(await MonthByMonthAsync(factory, month, example.OverridesYaml));
        }

        var (run, results) = await StoredAsync(factory, runId);
        Assert.Equal((AssessmentStatus.Completed, 4), (run.Status, run.MonthsDone));
        Assert.Equal(4 * ReportClasses.All.Count, expected.Count);
        Assert.Equal(expected, results);

        // The halving extended past June shows in July and August only.
        Assert.NotEqual(expected.Where(r => r.StartsWith("2020-07 large", StringComparison.Ordinal)), expected.Where(r => r.StartsWith("2020-06 large", StringComparison.Ordinal)));
    }

    [Fact]
    public void Months_whose_rules_bill_every_wage_alike_are_told_apart_from_a_month_where_a_window_ends()
    {
        var rules = ReliefRuleSet.Beijing2020;
        var february = new MonthlyBilling(rules, new YearMonth(2020, 2));
        var march = new MonthlyBilling(rules, new YearMonth(2020, 3));
        var june = new MonthlyBilling(rules, new YearMonth(2020, 6));
        var july = new MonthlyBilling(rules, new YearMonth(2020, 7));

        // The large employers' halving ends with June: July bills a large employer's wage differently.
        Assert.True(february.BillsAlike(march));
        Assert.False(june.BillsAlike(july));
        var large = RegistryData.NewUscc();
        var (juneBill, julyBill) = (new long[MonthlyBilling.Width], new long[MonthlyBilling.Width]);
        june.BillWage(june.CategoryOf(large, SizeClass.Large), 4_000_000, 1_000_000, juneBill);
        july.BillWage(july.CategoryOf(large, SizeClass.Large), 4_000_000, 1_000_000, julyBill);
        Assert.NotEqual(juneBill, julyBill);
    }

    /// <summary>The oracle: the assessment's engine for one month, both rule sets, every employer's bill summed by its report class.</summary>
    private static async Task<IEnumerable<string>> MonthByMonthAsync(WenjiuFactory factory, YearMonth month, string overrides)
    {
        var baseline = ReliefRuleSet.Beijing2020;
        var scenario = ScenarioHandler.ScenarioRules(new Scenario { Name = "oracle", OverridesYaml = overrides }, baseline);
        await using var scope = factory.Services.CreateAsyncScope();
        var billed = await SnapshotBilling.BillAsync(
            scope.ServiceProvider.GetRequiredService<IInsuredEmploymentSource>(), [new MonthlyBilling(baseline, month), new MonthlyBilling(scenario, month)], new HashSet<string>(), null, CancellationToken.None);
        var (before, after) = (billed.Ledgers[0], billed.Ledgers[1]);
        return Enumerable.Range(0, before.Count)
            .GroupBy(k => before.ReportClasses[k])
            .OrderBy(g => ReportClasses.Order(g.Key))
            .Select(g => Row(
                month, g.Key, g.Count(), g.Sum(before.InsuredOf),
                [.. new[] { before, after }.SelectMany(ledger => new[] { MonthlyBilling.EmployerDue, MonthlyBilling.EmployerRelief, MonthlyBilling.EmployerPayable }
                    .Select(f => ContributionRules.Yuan(g.Sum(k => EmployerLedger.Total(ledger.Bill(k), f)))))]))
            .ToList();
    }

    private static string Row(YearMonth month, string reportClass, int employers, long insured, decimal[] figures) =>
        string.Join(' ', [month.ToString(), reportClass, employers.ToString(System.Globalization.CultureInfo.InvariantCulture), insured.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. figures.Select(f => f.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))]);

    private static async Task<Guid> StartRunAsync(WenjiuFactory factory, string overrides, YearMonth first, YearMonth last)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
        var scenario = new Scenario { Id = Guid.NewGuid(), Name = "range", OverridesYaml = overrides, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        var run = new ScenarioRun
        {
            Id = Guid.NewGuid(), ScenarioId = scenario.Id, FirstMonth = first, LastMonth = last,
            Status = AssessmentStatus.Running, RuleSetVersion = ReliefRuleSet.Beijing2020.Version, StartedBy = "test", StartedAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(scenario, run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private static async Task<(ScenarioRun Run, List<string> Results)> StoredAsync(WenjiuFactory factory, Guid runId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
        var run = await db.ScenarioRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        var rows = (await db.ScenarioResults.AsNoTracking().Where(r => r.ScenarioRunId == runId).ToListAsync())
            .OrderBy(r => r.Month).ThenBy(r => ReportClasses.Order(r.ReportClass))
            .Select(r => Row(
                r.Month, r.ReportClass, r.Employers, r.Insured,
                [r.BaselineEmployerDue, r.BaselineEmployerRelief, r.BaselineEmployerPayable, r.ScenarioEmployerDue, r.ScenarioEmployerRelief, r.ScenarioEmployerPayable]))
            .ToList();
        return (run, rows);
    }
}
