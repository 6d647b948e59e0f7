using System.Globalization;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Tests.Relief;

/// <summary>Every line can say why it is what it is; the category and size class say why too.</summary>
public sealed class ReliefExplanationTests
{
    private static readonly EmployerMonth HalvedLargeFirm = new(
        new YearMonth(2020, 4),
        new EmployerFacts("91110108MA01AB3C2D", 0.4m, null, "software_it", new SizeFacts(300, 10000, 0)),
        [new InsuredWage("a", 8000.01m)]);

    [Fact]
    public void A_relieved_line_explains_its_steps_parameters_and_inputs()
    {
        var result = ReliefCalculator.Calculate(ReliefRuleSet.Beijing2020, HalvedLargeFirm, SmeSizeStandard.Default, explain: true);

        var line = result.Lines.Single(l => l.Insurance == Insurance.Unemployment && l.Party == Party.Employer);
        // 8000.01 × 0.008 = 64.00008 → 64.00; halved 32.00.
        Assert.Equal(64.00m, line.Due);
        Assert.Equal(32.00m, line.Payable);
        var trace = line.Trace!;
        Assert.Equal(
            ["base = min(max(wage 8000.01, floor 3613), ceiling 26541) = 8000.01", "rate = 0.008", "due = round(8000.01 × 0.008, fen) = 64.00", "payable = round(64.00 × factor 0.5 (large_or_other), fen) = 32.00", "relief = 64.00 − 32.00 = 32.00"],
            trace.Steps);
        Assert.Equal(["unemployment.base_floor", "unemployment.base_ceiling", "unemployment.employer_rate", "relief.payable_factor.large_or_other.unemployment"], trace.Parameters.Select(p => p.Name));
        Assert.All(trace.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
        Assert.Equal(8000.01m, trace.Inputs["wage"]);
    }

    [Fact]
    public void A_relieved_line_explains_itself_in_Chinese_for_a_Chinese_page()
    {
        var result = ReliefCalculator.Calculate(ReliefRuleSet.Beijing2020, HalvedLargeFirm, SmeSizeStandard.Default, explain: true, traceLanguage: CultureInfo.GetCultureInfo("zh-CN"));

        var trace = result.Lines.Single(l => l.Insurance == Insurance.Unemployment && l.Party == Party.Employer).Trace!;
        Assert.Equal(
            ["缴费基数 = min(max(申报工资 8000.01, 下限 3613), 上限 26541) = 8000.01", "费率 = 0.008", "应缴 = 8000.01 × 0.008，四舍五入到分 = 64.00", "实缴 = 64.00 × 大型企业及其他单位（减半征收）的缴费系数 0.5，四舍五入到分 = 32.00", "减免额 = 64.00 − 32.00 = 32.00"],
            trace.Steps);
        Assert.StartsWith("缴费基数 = 申报工资", trace.Formula, StringComparison.Ordinal);
        Assert.Equal(["unemployment.base_floor", "unemployment.base_ceiling", "unemployment.employer_rate", "relief.payable_factor.large_or_other.unemployment"], trace.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Without_a_language_the_trace_is_in_English_whatever_the_threads_culture()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var result = ReliefCalculator.Calculate(ReliefRuleSet.Beijing2020, HalvedLargeFirm, SmeSizeStandard.Default, explain: true);

            var trace = result.Lines.Single(l => l.Insurance == Insurance.Medical && l.Kind == LineKind.Flat).Trace!;
            Assert.Equal("the employee's medical flat amount per month, a line of its own, not relieved", trace.Formula);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void The_work_injury_line_cites_the_employers_own_rate_as_an_input()
    {
        var result = ReliefCalculator.Calculate(ReliefRuleSet.Beijing2020, HalvedLargeFirm, SmeSizeStandard.Default, explain: true);

        var line = result.Lines.Single(l => l.Insurance == Insurance.WorkInjury && l.Party == Party.Employer);

        Assert.Equal(0.004m, line.Rate);
        Assert.Equal(0.4m, line.Trace!.Inputs["injury_rate_percent"]);
        Assert.Contains("employer's own work-injury rate 0.4%", line.Trace.Steps[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_category_and_size_class_say_why()
    {
        var result = ReliefCalculator.Calculate(ReliefRuleSet.Beijing2020, HalvedLargeFirm, SmeSizeStandard.Default, explain: false);

        Assert.Equal(ReliefCategory.LargeOrOther, result.Category.Category);
        Assert.Equal("the code starts 91: enterprise, categorised by size class; large, so category large_or_other (relief-categories.yaml)", result.Category.Why);
        Assert.Equal("large (software_it): large: employees 300 ≥ 300 and revenue (10k yuan) 10,000 ≥ 10,000", result.Category.SizeClassWhy);
    }

    [Fact]
    public void The_category_and_size_class_say_why_in_chinese_for_a_chinese_page()
    {
        var result = ReliefCalculator.Calculate(ReliefRuleSet.Beijing2020, HalvedLargeFirm, SmeSizeStandard.Default, explain: false, traceLanguage: CultureInfo.GetCultureInfo("zh-CN"));

        Assert.Equal("统一社会信用代码以 91 开头：企业，按企业规模归类；大型，因此属于“大型企业及其他单位（减半征收）”（relief-categories.yaml）", result.Category.Why);
        Assert.StartsWith("大型（software_it）：大型：", result.Category.SizeClassWhy, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_explain_no_trace_is_built()
    {
        var result = ReliefCalculator.Calculate(ReliefRuleSet.Beijing2020, HalvedLargeFirm, SmeSizeStandard.Default, explain: false);

        Assert.All(result.Lines, l => Assert.Null(l.Trace));
    }

    [Fact]
    public void The_embedded_rule_set_has_a_version_and_every_relieved_insurance_a_factor_per_category()
    {
        var rules = ReliefRuleSet.Beijing2020;

        Assert.Equal("beijing-2020", rules.Name);
        Assert.Matches("^[0-9a-f]{12}$", rules.Version);
        foreach (var category in new[] { "sme", "large_or_other", "none" })
        {
            foreach (var insurance in new[] { "pension", "unemployment", "work_injury" })
            {
                Assert.True(rules.Parameters.Defines($"relief.payable_factor.{category}.{insurance}"), $"{category} {insurance}");
            }
        }

        Assert.False(rules.Parameters.Defines("relief.payable_factor.sme.medical"));
    }
}
