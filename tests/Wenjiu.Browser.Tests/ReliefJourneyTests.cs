using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wenjiu.Web;

namespace Wenjiu.Browser.Tests;

/// <summary>
/// The relief journeys in a real browser on the demo city: a policy officer assesses a month, reads the dashboard and
/// checks it against the downloaded report, records a deferral; the enterprise reads its statement and a line's trace;
/// a policy officer runs a scenario beside the baseline. Every relief page visited passes axe-core's WCAG 2.1 A/AA rules.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed partial class ReliefJourneyTests(PlatformUnderTest platform)
{
    /// <summary>Inside the 2020 exemption and halving window, so that relief is not zero.</summary>
    private const string Month = "2020-04";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_policy_officer_assesses_a_month_finds_the_dashboard_figure_in_the_csv_and_a_reviewer_records_a_deferral()
    {
        var page = await platform.SignedInPageAsync("policy");

        await page.GotoAsync("/Relief/Assessments");
        await Axe.AssertAccessibleAsync(page);
        await AssessAsync(page, Month);
        await Axe.AssertAccessibleAsync(page);
        Assert.NotEqual("0", await page.InnerTextAsync("#employers"));
        Assert.NotEqual(0m, Money(await page.InnerTextAsync("#total-employer-relief")));

        await page.GotoAsync($"/Relief/Dashboard?month={Month}");
        await page.WaitForSelectorAsync("#chart-by-district canvas, #chart-by-district svg");
        await Axe.AssertAccessibleAsync(page);
        // The tables behind the charts are checked open too: axe skips what is hidden.
        await page.Locator("details.chart-table > summary").EvaluateAllAsync<int>("summaries => { summaries.forEach(s => s.click()); return summaries.length; }");
        await Axe.AssertAccessibleAsync(page);
        var firstDistrict = page.Locator("#table-by-district tbody tr").First;
        var district = await firstDistrict.Locator("th").GetAttributeAsync("data-code");
        var shownRelief = Money(await firstDistrict.Locator("td").Nth(3).InnerTextAsync());
        Assert.NotEqual(0m, shownRelief);

        await page.GotoAsync($"/Relief/Reports?from={Month}&to={Month}&by=district");
        await Axe.AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        var csv = (await File.ReadAllLinesAsync(await download.PathAsync())).Select(l => l.TrimStart('\uFEFF').Split(',')).ToList();
        // The page is in Chinese, so is the file's header: the district code, then its name, then the figures with units.
        var reliefColumn = Array.IndexOf(csv[0], "减免额（元）");
        Assert.Equal(["区代码", "区"], csv[0][..2]);
        var row = Assert.Single(csv, r => r[0] == district);
        Assert.Equal(shownRelief, decimal.Parse(row[reliefColumn], CultureInfo.InvariantCulture));

        // Deferrals are the reviewer's (docs/permissions.md): the policy officer sees them in the figures only.
        page = await platform.SignedInPageAsync("reviewer");
        await page.GotoAsync("/Relief/Deferrals");
        await Axe.AssertAccessibleAsync(page);
        await page.FillAsync("#Input_Uscc", DemoData.EnterpriseUscc);
        await page.FillAsync("#Input_FirstMonth", "2020-05");
        await page.FillAsync("#Input_LastMonth", "2021-01");
        await page.FillAsync("#Input_Reference", "京人社缓〔2020〕12号");
        await page.ClickAsync("#deferral-submit");
        await Axe.AssertAccessibleAsync(page);
        Assert.Contains("2020-12", await page.InnerTextAsync("#error-summary"), StringComparison.Ordinal);
        Assert.Contains("2020-12", await page.InnerTextAsync("#Input_LastMonth-error"), StringComparison.Ordinal);
        Assert.Equal(DemoData.EnterpriseUscc, await page.InputValueAsync("#Input_Uscc"));

        await page.FillAsync("#Input_LastMonth", "2020-06");
        await page.ClickAsync("#deferral-submit");
        await Axe.AssertAccessibleAsync(page);
        Assert.Contains(DemoData.EnterpriseUscc, await page.InnerTextAsync("#deferral-recorded"), StringComparison.Ordinal);
        // The demo enterprise may hold other deferrals (an approved application in the demo data): find the one just recorded by its reference.
        var recorded = page.Locator("#deferrals tbody tr", new() { HasText = "京人社缓〔2020〕12号" });
        Assert.Contains(DemoData.EnterpriseUscc, await recorded.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2020-05", await recorded.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enterprise_user_reads_its_statement_with_masked_identities_and_a_lines_explanation()
    {
        await EnsureAssessedAsync(Month);
        var page = await platform.SignedInPageAsync("enterprise");

        await page.GotoAsync("/Relief/Statements");
        await Axe.AssertAccessibleAsync(page);
        Assert.Equal(DemoData.EnterpriseUscc, await page.InnerTextAsync("#employer-uscc"));
        await page.ClickAsync($"#lines-{Month}");
        await page.WaitForURLAsync(url => url.EndsWith($"/Relief/Statements/Month/{DemoData.EnterpriseUscc}/{Month}", StringComparison.Ordinal));
        var person = page.Locator("details.person-lines").First;
        await person.Locator("summary").ClickAsync();
        await Axe.AssertAccessibleAsync(page);

        Assert.All(await page.Locator(".person-id").AllInnerTextsAsync(), id => Assert.Matches(MaskedIdNumber(), id));
        Assert.All(await page.Locator(".person-name").AllInnerTextsAsync(), name => Assert.Matches(MaskedName(), name));

        // The first line is the employer's pension: its trace ends with the due amount the table shows.
        var line = person.Locator("table.lines tbody tr").First;
        var due = Money(await line.Locator("td").Nth(3).InnerTextAsync());
        var steps = await line.Locator(".trace-steps li").AllInnerTextsAsync();
        Assert.Contains("缴费基数", steps[0], StringComparison.Ordinal);
        Assert.Contains(steps, s => s.EndsWith("= " + due.ToString("0.00", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains("pension.base_floor", await line.Locator(".trace-parameters").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#language-en");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        await page.Locator("details.person-lines > summary").First.ClickAsync();
        await Axe.AssertAccessibleAsync(page);
        var english = await page.Locator("table.lines tbody tr").First.Locator(".trace-steps li").First.InnerTextAsync();
        Assert.StartsWith("base = ", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_officer_runs_a_scenario_with_a_lower_pension_rate_beside_the_baseline()
    {
        var page = await platform.SignedInPageAsync("policy");

        await page.GotoAsync("/Relief/Scenarios");
        await Axe.AssertAccessibleAsync(page);
        await page.ClickAsync("#new-scenario");
        await Axe.AssertAccessibleAsync(page);
        await page.FillAsync("#Name", "单位养老费率 14%（旅程测试）");

        // The advanced option: YAML, whose errors are said in plain Chinese beside it.
        await page.ClickAsync("#advanced-overrides > summary");
        await page.FillAsync("#OverridesYaml", """
            parameters:
              pension.employer_rat:
                values:
                  - { from: 2020-02, value: 0.14 }
            """);
        await page.ClickAsync("#scenario-save");
        await page.WaitForSelectorAsync("#error-summary");
        await Axe.AssertAccessibleAsync(page);
        var yamlError = await page.InnerTextAsync("#OverridesYaml-error");
        Assert.Contains("pension.employer_rat", yamlError, StringComparison.Ordinal);
        Assert.Contains("没有这个参数", yamlError, StringComparison.Ordinal);

        // The common form instead: a rate written as a percentage is refused beside its field, then saved as a rate.
        await page.FillAsync("#OverridesYaml", "");
        await page.FillAsync("#PensionRate", "14");
        await page.ClickAsync("#scenario-save");
        await page.WaitForSelectorAsync("#PensionRate-error");
        await Axe.AssertAccessibleAsync(page);
        Assert.Contains("0.14", await page.InnerTextAsync("#PensionRate-error"), StringComparison.Ordinal);

        await page.FillAsync("#PensionRate", "0.14");
        await page.ClickAsync("#scenario-save");
        await page.WaitForSelectorAsync("#scenario-overrides");
        await Axe.AssertAccessibleAsync(page);
        Assert.Contains("0.14", await page.InnerTextAsync("#scenario-overrides"), StringComparison.Ordinal);

        await page.FillAsync("#FirstMonth", Month);
        await page.FillAsync("#LastMonth", Month);
        await page.ClickAsync("#run-submit");
        await page.WaitForURLAsync(url => url.Contains("/Relief/Scenarios/Run/", StringComparison.Ordinal));
        await WaitForAsync(page, "#totals-by-class", "#run-message");
        await page.WaitForSelectorAsync("#chart-scenario canvas, #chart-scenario svg");
        await Axe.AssertAccessibleAsync(page);

        // A lower rate means a lower due, so less relief: exempt SMEs are relieved 2 points less, halved large firms 1.
        var total = page.Locator("#totals-by-class tfoot tr");
        var baseline = Money(await total.Locator("[data-figure=baseline-relief]").InnerTextAsync());
        var scenario = Money(await total.Locator("[data-figure=scenario-relief]").InnerTextAsync());
        var difference = Money(await total.Locator("[data-figure=relief-difference]").InnerTextAsync());
        Assert.True(baseline > 0, $"baseline relief {baseline}");
        Assert.True(scenario < baseline, $"scenario {scenario} against baseline {baseline}");
        Assert.Equal(scenario - baseline, difference);
        Assert.Equal(1, await page.Locator("#by-month tbody tr").CountAsync());
        Assert.Equal(Month, await page.Locator("#by-month tbody tr th").First.InnerTextAsync());
    }

    /// <summary>Starts the month's assessment from the form and waits on the run page until its totals show.</summary>
    private static async Task AssessAsync(IPage page, string month)
    {
        await page.FillAsync("#Month", month);
        await page.ClickAsync("#assess-submit");
        await page.WaitForURLAsync(url => url.Contains("/Relief/Assessments/Run/", StringComparison.Ordinal));
        await WaitForAsync(page, "#run-totals", "#assessment-message");
    }

    /// <summary>The statement needs an assessed month; the first journey assesses it too, whichever runs first.</summary>
    private async Task EnsureAssessedAsync(string month)
    {
        var page = await platform.SignedInPageAsync("policy");
        await page.GotoAsync("/Relief/Assessments");
        var completed = page.Locator("#assessment-runs tbody tr", new() { HasText = month }).Filter(new() { HasText = "已完成" });
        if (await completed.CountAsync() == 0)
        {
            await AssessAsync(page, month);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>live-progress.js reloads the page when the work is over: wait for its outcome, failing on its message.</summary>
    private static async Task WaitForAsync(IPage page, string done, string failed)
    {
        try
        {
            await page.WaitForSelectorAsync($"{done}, {failed}", new() { Timeout = (float)RunTimeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{page.Url} did not finish: {await page.InnerTextAsync("main")}");
        }

        if (await page.Locator(failed).CountAsync() > 0)
        {
            Assert.Fail(await page.InnerTextAsync(failed));
        }
    }

    private static decimal Money(string shown) => decimal.Parse(shown.Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{6}\*{8}[\dX]{4}$")]
    private static partial Regex MaskedIdNumber();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}\*+$")]
    private static partial Regex MaskedName();
}
