using System.Globalization;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;

namespace Wenjiu.Tests.Rules;

/// <summary>The dated-parameter loader refuses what would compute wrongly later, naming the file and the parameter.</summary>
public sealed class ParameterFilesTests
{
    private const string File = "test.yaml";

    [Fact]
    public void Consecutive_values_load_and_each_month_gets_the_value_in_force_on_its_first_day()
    {
        var set = Load(Parameter("relief.factor", "factor", "{ from: 2019-07, to: 2020-01, value: 1 }", "{ from: 2020-02, to: 2020-12, value: 0 }", "{ from: 2021-01, value: 1 }"));

        Assert.Equal(1m, set.Number("relief.factor", new YearMonth(2020, 1)));
        Assert.Equal(0m, set.Number("relief.factor", new YearMonth(2020, 2)));
        Assert.Equal(0m, set.Number("relief.factor", new YearMonth(2020, 12)));
        Assert.Equal(1m, set.Number("relief.factor", new YearMonth(2035, 6)));
        Assert.Equal("2020-02", set["relief.factor"].At(new YearMonth(2020, 6)).FromWritten);
    }

    [Fact]
    public void A_gap_between_two_values_is_refused_naming_the_file_parameter_and_days()
    {
        var error = Assert.Throws<ParameterFileException>(() => Load(Parameter("pension.base_floor", "yuan_per_month", "{ from: 2019-07, to: 2020-01, value: 3613 }", "{ from: 2020-03, value: 3800 }")));

        Assert.Equal(File, error.File);
        Assert.Equal("pension.base_floor", error.ParameterName);
        Assert.Contains("gap", error.Message, StringComparison.Ordinal);
        Assert.Contains("2020-02-01 to 2020-02-29", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_values_are_refused()
    {
        var error = Assert.Throws<ParameterFileException>(() => Load(Parameter("pension.employer_rate", "rate", "{ from: 2019-07, to: 2020-06, value: 0.16 }", "{ from: 2020-05, value: 0.14 }")));

        Assert.Equal("pension.employer_rate", error.ParameterName);
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_ended_value_followed_by_another_is_an_overlap()
    {
        var error = Assert.Throws<ParameterFileException>(() => Load(Parameter("pension.employer_rate", "rate", "{ from: 2019-07, value: 0.16 }", "{ from: 2021-01, value: 0.14 }")));

        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_unit_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ParameterFileException>(() => Load(Parameter("pension.base_floor", "dollars", "{ from: 2019-07, value: 3613 }")));

        Assert.Equal("pension.base_floor", error.ParameterName);
        Assert.Contains("unknown unit 'dollars'", error.Message, StringComparison.Ordinal);
        Assert.Contains("yuan_per_month", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate", "16")]
    [InlineData("rate", "-0.1")]
    [InlineData("percent", "101")]
    [InlineData("yuan", "3613.005")]
    [InlineData("yuan_per_month", "-1")]
    [InlineData("months", "6.5")]
    [InlineData("persons", "-3")]
    [InlineData("factor", "-0.5")]
    [InlineData("month", "2020-13")]
    [InlineData("boolean", "yes")]
    [InlineData("rate", "0,16")]
    public void A_value_that_does_not_fit_its_unit_is_refused(string unit, string value)
    {
        var error = Assert.Throws<ParameterFileException>(() => Load(Parameter("p", unit, $"{{ from: 2019-07, value: '{value}' }}")));

        Assert.Equal("p", error.ParameterName);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<ParameterFileException>(() => Load(Parameter("p", "rate", "{ from: 2019-07, too: 2020-01, value: 0.1 }")));

        Assert.Equal(File, error.File);
        Assert.Contains("too", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_defined_in_two_files_is_refused_naming_both()
    {
        var text = Parameter("pension.employer_rate", "rate", "{ from: 2019-07, value: 0.16 }");

        var error = Assert.Throws<ParameterFileException>(() => ParameterFiles.Load("test", [("a.yaml", text), ("b.yaml", text)]));

        Assert.Equal("b.yaml", error.File);
        Assert.Contains("a.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_without_a_source_is_refused()
    {
        const string text = "parameters:\n  p:\n    description: d\n    unit: rate\n    confidence: { level: HIGH, note: n }\n    values:\n      - { from: 2019-07, value: 0.1 }\n";

        var error = Assert.Throws<ParameterFileException>(() => ParameterFiles.Load("test", [(File, text)]));

        Assert.Contains("source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_without_an_official_document_is_refused_naming_it()
    {
        var text = Parameter("relief.factor", "factor", "{ from: 2019-07, value: 1 }").Replace("    official:\n      - { issuer: 测试机关, title: 关于测试的通知, number: 测发〔2020〕1号, date: 2020-02-20 }\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<ParameterFileException>(() => Load(text));

        Assert.Equal("relief.factor", error.ParameterName);
        Assert.Contains("cites no official document", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ title: 关于测试的通知, number: 测发〔2020〕1号, date: 2020-02-20 }", "issuer")]
    [InlineData("{ issuer: 测试机关, number: 测发〔2020〕1号, date: 2020-02-20 }", "title")]
    [InlineData("{ issuer: 测试机关, title: 关于测试的通知, number: 测发〔2020〕1号 }", "'date' must be the date it was issued")]
    [InlineData("{ issuer: 测试机关, title: 关于测试的通知, date: 2020-02 }", "'date' must be the date it was issued")]
    public void An_official_document_needs_its_issuer_title_and_date(string document, string says)
    {
        var text = Parameter("relief.factor", "factor", "{ from: 2019-07, value: 1 }").Replace("{ issuer: 测试机关, title: 关于测试的通知, number: 测发〔2020〕1号, date: 2020-02-20 }", document, StringComparison.Ordinal);

        var error = Assert.Throws<ParameterFileException>(() => Load(text));

        Assert.Equal("relief.factor", error.ParameterName);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_cites_its_official_documents_by_number_title_issuer_and_date()
    {
        var set = Load(Parameter("relief.factor", "factor", "{ from: 2019-07, value: 1 }"));

        Assert.Equal("测发〔2020〕1号《关于测试的通知》（测试机关，2020-02-20）", set["relief.factor"].Citation);
    }

    [Fact]
    public void Every_parameter_of_the_reference_rules_cites_an_official_document_and_never_a_web_page()
    {
        var relief = Wenjiu.Relief.Rules.ReliefRuleSet.Beijing2020.Parameters.All;

        Assert.All(relief, p => Assert.NotEmpty(p.Documents));
        Assert.All(relief, p => Assert.DoesNotContain("http", p.Citation, StringComparison.Ordinal));
        var exemption = relief.Single(p => p.Name == "relief.payable_factor.sme.pension");
        Assert.StartsWith("人社部发〔2020〕11号《关于阶段性减免企业社会保险费的通知》（人力资源社会保障部 财政部 税务总局，2020-02-20）第一条", exemption.Citation, StringComparison.Ordinal);
        Assert.Contains("人社部发〔2020〕49号", exemption.Citation, StringComparison.Ordinal);
        Assert.Contains("工信部联企业〔2011〕300号", Wenjiu.Registry.Contracts.SmeSizeStandard.Default.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("http", Wenjiu.Registry.Contracts.SmeSizeStandard.Default.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_no_value_covers_is_an_error_naming_the_parameter_and_the_month()
    {
        var set = Load(Parameter("pension.base_floor", "yuan_per_month", "{ from: 2019-07, to: 2020-12, value: 3613 }"));

        var error = Assert.Throws<ParameterNotInForceException>(() => set.Number("pension.base_floor", new YearMonth(2021, 1)));

        Assert.Equal("pension.base_floor", error.ParameterName);
        Assert.Equal(new YearMonth(2021, 1), error.Month);
        Assert.Contains("2021-01", error.Message, StringComparison.Ordinal);
        Assert.Throws<ParameterNotInForceException>(() => set.Number("pension.base_floor", new YearMonth(2019, 6)));
    }

    [Fact]
    public void Values_are_exact_decimals_whatever_the_current_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var set = Load(Parameter("late_fee.daily_rate", "rate", "{ from: 2019-07, value: 0.0005 }"));

            Assert.Equal(0.0005m, set.Number("late_fee.daily_rate", new YearMonth(2020, 1)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_version_changes_with_any_change_to_a_file()
    {
        var a = Load(Parameter("p", "rate", "{ from: 2019-07, value: 0.16 }"));
        var b = Load(Parameter("p", "rate", "{ from: 2019-07, value: 0.15 }"));
        var again = Load(Parameter("p", "rate", "{ from: 2019-07, value: 0.16 }"));

        Assert.NotEqual(a.Version, b.Version);
        Assert.Equal(a.Version, again.Version);
    }

    private static ParameterSet Load(string text) => ParameterFiles.Load("test", [(File, text)]);

    private static string Parameter(string name, string unit, params string[] values) =>
        $"""
        parameters:
          {name}:
            description: A test parameter.
            unit: {unit}
            official:
              - {"{"} issuer: 测试机关, title: 关于测试的通知, number: 测发〔2020〕1号, date: 2020-02-20 {"}"}
            source: {"{"} document: test, url: https://example.org/test {"}"}
            confidence: {"{"} level: HIGH, note: test {"}"}
            values:
        {string.Join("\n", values.Select(v => $"      - {v}"))}
        """;
}
