using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Rules;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// What-if scenarios (issue 3 §6). The population, by hand, for 2020-06 and 2020-07:
///   a large software company (400 employees, revenue 20,000) with one employee at 10,000.00:
///     pension 1,600.00, unemployment 80.00, work injury 40.00 (0.4%), medical 1,000.00, maternity 80.00: due 2,800.00;
///     halved (June, and July under the scenario) relief = 800 + 40 + 20 = 860.00; July baseline relief 0.
///   a small software company (45 employees, revenue 1,200) with one employee at 6,000.00:
///     pension 960.00, unemployment 48.00, work injury 24.00 exempt both months: relief 1,032.00 on both sides.
/// "Extend the large employers' halving to 2020-12" therefore adds 860.00 of relief in July and nothing in June.
/// </summary>
public sealed class ScenarioTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scenario_run_over_two_months_stands_beside_the_baseline_with_the_difference(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangePopulationAsync(factory);
        var before = await ReliefData.SnapshotAsync(factory);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        var example = ScenarioExamples.Find("extend-large-halving")!;

        var scenarioId = await SaveAsync(officer, "延长减半", example.OverridesYaml);
        using var started = await officer.PostFormAsync($"/Relief/Scenarios/Detail/{scenarioId}", $"/Relief/Scenarios/Detail/{scenarioId}", [new("FirstMonth", "2020-06"), new("LastMonth", "2020-07")]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var runPath = Forms.Location(started);
        using var run = await WaitForRunAsync(officer, runPath.Replace("/Relief/Scenarios/Run/", "/api/v1/relief/scenario-runs/", StringComparison.Ordinal));

        Assert.Equal("completed", run.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, run.RootElement.GetProperty("months_done").GetInt32());
        var rows = run.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("month").GetString()} {r.GetProperty("size_class").GetString()} {r.GetProperty("employers").GetInt32()} {r.GetProperty("insured").GetInt64()} {r.GetProperty("baseline_employer_relief").GetDecimal():0.00} {r.GetProperty("scenario_employer_relief").GetDecimal():0.00} {r.GetProperty("relief_difference").GetDecimal():0.00}")
            .ToList();
        Assert.Equal(
            [
                "2020-06 large 1 1 860.00 860.00 0.00",
                "2020-06 small 1 1 1032.00 1032.00 0.00",
                "2020-07 large 1 1 0.00 860.00 860.00",
                "2020-07 small 1 1 1032.00 1032.00 0.00",
            ],
            rows);
        var july = run.RootElement.GetProperty("results")[2];
        Assert.Equal(2800.00m, july.GetProperty("baseline_employer_payable").GetDecimal());
        Assert.Equal(1940.00m, july.GetProperty("scenario_employer_payable").GetDecimal());
        Assert.Equal(860.00m, run.RootElement.GetProperty("total").GetProperty("relief_difference").GetDecimal());
        Assert.Equal(before, await ReliefData.SnapshotAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_run_page_shows_totals_by_size_class_and_month_and_a_chart_once_finished(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangePopulationAsync(factory);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var scenarioId = await SaveAsync(officer, "exempt large", ScenarioExamples.Find("exempt-large")!.OverridesYaml);
        using var started = await officer.PostFormAsync($"/Relief/Scenarios/Detail/{scenarioId}", $"/Relief/Scenarios/Detail/{scenarioId}", [new("FirstMonth", "2020-06"), new("LastMonth", "2020-06")]);
        using var _ = await WaitForRunAsync(officer, Forms.Location(started).Replace("/Relief/Scenarios/Run/", "/api/v1/relief/scenario-runs/", StringComparison.Ordinal));

        var html = await officer.GetPageAsync(Forms.Location(started));

        // Exempt instead of halved: the large employer's June relief goes from 860.00 to the full 1,720.00.
        Assert.Contains("<table id=\"totals-by-class\"", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"scenario-relief\">1,720.00", html, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"relief-difference\">860.00", html, StringComparison.Ordinal);
        Assert.Contains("data-poll-finished=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-scenario\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scenario_can_be_run_again_and_keeps_each_run(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await ArrangePopulationAsync(factory);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        var scenarioId = await SaveAsync(officer, "again", ScenarioExamples.Find("pension-rate-14")!.OverridesYaml);

        foreach (var _ in new[] { 1, 2 })
        {
            using var started = await officer.PostFormAsync($"/Relief/Scenarios/Detail/{scenarioId}", $"/Relief/Scenarios/Detail/{scenarioId}", [new("FirstMonth", "2020-07"), new("LastMonth", "2020-07")]);
            using var run = await WaitForRunAsync(officer, Forms.Location(started).Replace("/Relief/Scenarios/Run/", "/api/v1/relief/scenario-runs/", StringComparison.Ordinal));

            // July, large: pension at 14% is 1,400.00, 200.00 less payable than the baseline's 1,600.00; relief unchanged.
            var large = run.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("size_class").GetString() == "large");
            Assert.Equal(2600.00m, large.GetProperty("scenario_employer_payable").GetDecimal());
            Assert.Equal(0.00m, large.GetProperty("relief_difference").GetDecimal());
        }

        var detail = await officer.GetPageAsync($"/Relief/Scenarios/Detail/{scenarioId}");
        Assert.Equal(2, detail.Split("href=\"/Relief/Scenarios/Run/", StringSplitOptions.None).Length - 1);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scenario_that_changes_no_value_gives_exactly_the_baseline_assessments_totals(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await DemoCity.ImportAsync(factory);
        var assessed = await SmallRegistry.AssessAsync(factory, SmallRegistry.February);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        // The rule file's own series for the parameter: an override that overrides nothing.
        var scenarioId = await SaveAsync(officer, "unchanged", "parameters:\n  pension.employer_rate:\n    values:\n      - { from: 2019-07, value: 0.16 }\n");
        using var started = await officer.PostFormAsync($"/Relief/Scenarios/Detail/{scenarioId}", $"/Relief/Scenarios/Detail/{scenarioId}", [new("FirstMonth", "2020-02"), new("LastMonth", "2020-02")]);
        using var run = await WaitForRunAsync(officer, Forms.Location(started).Replace("/Relief/Scenarios/Run/", "/api/v1/relief/scenario-runs/", StringComparison.Ordinal));

        Assert.True(assessed.Completed, assessed.Message);
        var expected = (await SmallRegistry.RowsAsync(factory, assessed.RunId))
            .GroupBy(r => r.ReportClass)
            .OrderBy(g => ReportClasses.Order(g.Key))
            .Select(g => $"{g.Key} {g.Sum(r => r.Insured)} {g.Sum(r => r.EmployerDue):0.00} {g.Sum(r => r.EmployerRelief):0.00} {g.Sum(r => r.EmployerPayable):0.00}")
            .ToList();
        var results = run.RootElement.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("insured").GetInt64() > 0).ToList();
        string Side(JsonElement r, string side) =>
            $"{r.GetProperty("size_class").GetString()} {r.GetProperty("insured").GetInt64()} {r.GetProperty($"{side}_employer_due").GetDecimal():0.00} {r.GetProperty($"{side}_employer_relief").GetDecimal():0.00} {r.GetProperty($"{side}_employer_payable").GetDecimal():0.00}";
        Assert.Equal(ReportClasses.All.Count, expected.Count);
        Assert.Equal(expected, results.Select(r => Side(r, "baseline")));
        Assert.Equal(expected, results.Select(r => Side(r, "scenario")));
        var current = (await SmallRegistry.CurrentRunAsync(factory, SmallRegistry.February))!;
        Assert.Equal(current.EmployerRelief, run.RootElement.GetProperty("total").GetProperty("scenario_employer_relief").GetDecimal());
        Assert.Equal(current.Insured, run.RootElement.GetProperty("total").GetProperty("insured").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scenarios_sums_are_the_calculators_employer_by_employer_for_every_registered_employer(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await DemoCity.ImportAsync(factory);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        var example = ScenarioExamples.Find("extend-large-halving")!;
        var scenarioId = await SaveAsync(officer, "extend", example.OverridesYaml);

        using var started = await officer.PostFormAsync($"/Relief/Scenarios/Detail/{scenarioId}", $"/Relief/Scenarios/Detail/{scenarioId}", [new("FirstMonth", "2020-06"), new("LastMonth", "2020-07")]);
        using var run = await WaitForRunAsync(officer, Forms.Location(started).Replace("/Relief/Scenarios/Run/", "/api/v1/relief/scenario-runs/", StringComparison.Ordinal));

        var expected = new List<string>();
        foreach (var month in new[] { new YearMonth(2020, 6), new YearMonth(2020, 7) })
        {
            expected.AddRange(await CalculatedEmployerByEmployerAsync(factory, month, new Scenario { Name = "extend", OverridesYaml = example.OverridesYaml }));
        }

        var actual = run.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => string.Join(' ', r.GetProperty("month").GetString(), r.GetProperty("size_class").GetString(), r.GetProperty("employers").GetInt32(), r.GetProperty("insured").GetInt64(),
                Yuan(r, "baseline_employer_due"), Yuan(r, "baseline_employer_relief"), Yuan(r, "baseline_employer_payable"),
                Yuan(r, "scenario_employer_due"), Yuan(r, "scenario_employer_relief"), Yuan(r, "scenario_employer_payable")))
            .ToList();
        Assert.Equal(12, actual.Count);
        Assert.Equal(expected, actual);
        Assert.NotEqual(0m, run.RootElement.GetProperty("total").GetProperty("relief_difference").GetDecimal());
    }

    /// <summary>
    /// The oracle: every registered employer of the month (with spells or not) through the calculator under the baseline
    /// and under the scenario, with the registry's size class, summed by report class.
    /// </summary>
    private static async Task<IEnumerable<string>> CalculatedEmployerByEmployerAsync(WenjiuFactory factory, YearMonth month, Scenario scenario)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var sizeStandard = scope.ServiceProvider.GetRequiredService<SmeSizeStandard>();
        var baseline = ReliefRuleSet.Beijing2020;
        var scenarioRules = ScenarioHandler.ScenarioRules(scenario, baseline);
        var wages = (await registry.EmploymentSpells.AsNoTracking().Where(s => s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month)).ToListAsync())
            .ToLookup(s => s.EmployerUscc, s => new InsuredWage(s.PersonId.ToString(CultureInfo.InvariantCulture), s.Wage), StringComparer.Ordinal);
        var sums = new Dictionary<string, (int Employers, long Insured, decimal[] Figures)>(StringComparer.Ordinal);
        foreach (var e in await registry.Employers.AsNoTracking().ToListAsync())
        {
            var input = new EmployerMonth(month, new EmployerFacts(e.Uscc, e.InjuryRate, e.SizeClass, e.Industry, new SizeFacts(e.Employees, e.Revenue, e.TotalAssets)), wages[e.Uscc].ToList());
            var before = ReliefCalculator.Calculate(baseline, input, sizeStandard, explain: false);
            var after = ReliefCalculator.Calculate(scenarioRules, input, sizeStandard, explain: false).Totals;
            var reportClass = ReportClasses.Of(before.Category, baseline.Categories);
            var sum = sums.GetValueOrDefault(reportClass, (Employers: 0, Insured: 0L, Figures: new decimal[6]));
            decimal[] figures = [before.Totals.EmployerDue, before.Totals.EmployerRelief, before.Totals.EmployerPayable, after.EmployerDue, after.EmployerRelief, after.EmployerPayable];
            sums[reportClass] = (sum.Employers + 1, sum.Insured + input.Employees.Count, sum.Figures.Zip(figures, (a, b) => a + b).ToArray());
        }

        return sums.OrderBy(x => ReportClasses.Order(x.Key))
            .Select(x => string.Join(' ', [month.ToString(), x.Key, x.Value.Employers.ToString(CultureInfo.InvariantCulture), x.Value.Insured.ToString(CultureInfo.InvariantCulture), .. x.Value.Figures.Select(f => f.ToString("0.00", CultureInfo.InvariantCulture))]));
    }

    private static string Yuan(JsonElement row, string figure) => row.GetProperty(figure).GetDecimal().ToString("0.00", CultureInfo.InvariantCulture);

    public static TheoryData<DatabaseProvider, string, string, string> BadOverrides => Providers.Each(
        ("parameters:\n  relief.payable_factor.huge.pension:\n    values:\n      - { from: 2019-07, value: 1 }\n", "relief.payable_factor.huge.pension", "The rule set beijing-2020 has no such parameter"),
        ("parameters:\n  relief.payable_factor.large_or_other.pension:\n    values:\n      - { from: 2019-07, value: -1 }\n", "relief.payable_factor.large_or_other.pension", "Value 1 (from 2019-07): -1 is not a factor: it cannot be negative"),
        ("parameters:\n  pension.employer_rate:\n    values:\n      - { from: 2019-07, to: 2020-01, value: 0.16 }\n      - { from: 2020-03, value: 0.14 }\n", "pension.employer_rate", "No value is in force from 2020-02-01 to 2020-02-29"),
        ("parameters:\n  pension.employer_rate:\n    unit: yuan\n    values:\n      - { from: 2019-07, value: 0.16 }\n", "pension.employer_rate", "The unit 'yuan' differs from the rule set's 'rate'"));

    [Theory]
    [MemberData(nameof(BadOverrides))]
    public async Task A_bad_override_is_a_form_error_naming_the_parameter(DatabaseProvider provider, string overrides, string parameter, string problem)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var response = await officer.PostFormAsync("/Relief/Scenarios/Edit?culture=en", "/Relief/Scenarios/Edit?culture=en", [new("Name", "bad"), new("Description", ""), new("OverridesYaml", overrides)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#OverridesYaml\">", html, StringComparison.Ordinal);
        Assert.Contains($"Parameter {parameter}: ", html, StringComparison.Ordinal);
        Assert.Contains(problem, html, StringComparison.Ordinal);
        Assert.Equal(0, await ReliefData.QueryAsync(factory, db => Task.FromResult(db.Scenarios.Count())));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_scenario_needs_a_unique_name_and_valid_yaml(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        await SaveAsync(officer, "taken", ScenarioExamples.All[0].OverridesYaml);

        using var unnamed = await officer.PostFormAsync("/Relief/Scenarios/Edit?culture=en", "/Relief/Scenarios/Edit?culture=en", [new("Name", " "), new("OverridesYaml", "parameters: [oops")]);
        using var taken = await officer.PostFormAsync("/Relief/Scenarios/Edit?culture=en", "/Relief/Scenarios/Edit?culture=en", [new("Name", "taken"), new("OverridesYaml", ScenarioExamples.All[0].OverridesYaml)]);

        var unnamedHtml = await unnamed.Content.ReadAsStringAsync();
        Assert.Contains("Enter a name for the scenario", unnamedHtml, StringComparison.Ordinal);
        Assert.Contains("Line 1, column", unnamedHtml, StringComparison.Ordinal);
        Assert.Contains("A scenario with this name already exists", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_run_needs_months_in_order_within_the_rules(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        var scenarioId = await SaveAsync(officer, "range", ScenarioExamples.All[0].OverridesYaml);
        var page = $"/Relief/Scenarios/Detail/{scenarioId}?culture=en";

        using var reversed = await officer.PostFormAsync(page, page, [new("FirstMonth", "2020-07"), new("LastMonth", "2020-02")]);
        using var early = await officer.PostFormAsync(page, page, [new("FirstMonth", "2019-01"), new("LastMonth", "2019-02")]);

        Assert.Contains("The last month cannot be before the first", await reversed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("has no value in force for 2019-01", WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await ReliefData.QueryAsync(factory, db => Task.FromResult(db.ScenarioRuns.Count())));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_example_fills_the_form_to_start_from(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var index = await officer.GetPageAsync("/Relief/Scenarios");
        var form = WebUtility.HtmlDecode(await officer.GetPageAsync("/Relief/Scenarios/Edit?example=extend-large-halving"));

        Assert.Contains("href=\"/Relief/Scenarios/Edit?example=exempt-large\"", index, StringComparison.Ordinal);
        Assert.Contains("- { from: 2020-02, to: 2020-12, value: 0.5 }", form, StringComparison.Ordinal);
        Assert.Contains("relief.payable_factor.large_or_other.work_injury:", form, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_policy_officers_and_the_administrator_may_define_scenarios(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, RegistryData.NewUscc());

        using var byReviewer = await reviewer.GetAsync("/Relief/Scenarios/Edit");
        using var byEnterprise = await enterprise.GetAsync("/Relief/Scenarios");

        Assert.Equal("/Account/Denied", byReviewer.Headers.Location?.AbsolutePath);
        Assert.Equal("/Account/Denied", byEnterprise.Headers.Location?.AbsolutePath);
    }

    private static async Task ArrangePopulationAsync(WenjiuFactory factory)
    {
        var large = await RegistryData.AddEmployerAsync(factory, "北京大软件有限公司", industry: "software_it", employees: 400, revenue: 20_000m, totalAssets: 9_000m);
        var small = await RegistryData.AddEmployerAsync(factory, "北京小软件有限公司", industry: "software_it", employees: 45, revenue: 1_200m, totalAssets: 800m);
        var a = await RegistryData.AddPersonAsync(factory, "王五", RegistryData.NewIdNumber());
        var b = await RegistryData.AddPersonAsync(factory, "赵六", RegistryData.NewIdNumber());
        var c = await RegistryData.AddPersonAsync(factory, "钱七", RegistryData.NewIdNumber());
        await RegistryData.AddSpellAsync(factory, a.Id, large.Uscc, 201801, wage: 10_000m);
        await RegistryData.AddSpellAsync(factory, b.Id, small.Uscc, 201905, wage: 6_000m);

        // Ended before June: not insured in the months run.
        await RegistryData.AddSpellAsync(factory, c.Id, small.Uscc, 201905, endMonth: 202005, wage: 50_000m);

        // The baseline's own assessment of June, which a scenario must leave as it is.
        await ReliefData.AddRunAsync(factory, 202006, current: true, version: 1, ReliefData.Bill(large.Uscc, "large", large.District, large.Industry, 1, 1_720m, 860m));
    }

    private static async Task<Guid> SaveAsync(SignedInClient officer, string name, string overrides)
    {
        using var saved = await officer.PostFormAsync("/Relief/Scenarios/Edit", "/Relief/Scenarios/Edit", [new("Name", name), new("Description", "test"), new("OverridesYaml", overrides)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return Guid.Parse(Forms.Location(saved).Split('/')[^1]);
    }

    /// <summary>Polls the run's API as the page does until the background run has finished.</summary>
    private static async Task<JsonDocument> WaitForRunAsync(SignedInClient client, string api)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(api);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("finished").GetBoolean())
            {
                return json;
            }

            json.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "the scenario run did not finish within a minute");
            await Task.Delay(200);
        }
    }
}
