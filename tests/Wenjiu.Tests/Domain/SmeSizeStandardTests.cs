using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Tests.Domain;

/// <summary>
/// The whole table of 工信部联企业〔2011〕300号 (policy.md §3), typed here independently of the parameter file, tested on
/// both sides of every threshold: at a class's bounds the enterprise is that class; one unit below any one bound
/// (a person, or 0.01 of 10k yuan) it drops a class.
/// </summary>
public sealed class SmeSizeStandardTests
{
    private const string X = "employees";
    private const string Y = "revenue";
    private const string Z = "total_assets";

    // industry, then (measure, large, medium, small) per measure, copied from policy.md §3.
    private static readonly (string Industry, (string Measure, decimal Large, decimal Medium, decimal Small)[] Bounds)[] Table =
    [
        ("agriculture", [(Y, 20000, 500, 50)]),
        ("industry", [(X, 1000, 300, 20), (Y, 40000, 2000, 300)]),
        ("construction", [(Y, 80000, 6000, 300), (Z, 80000, 5000, 300)]),
        ("wholesale", [(X, 200, 20, 5), (Y, 40000, 5000, 1000)]),
        ("retail", [(X, 300, 50, 10), (Y, 20000, 500, 100)]),
        ("transport", [(X, 1000, 300, 20), (Y, 30000, 3000, 200)]),
        ("warehousing", [(X, 200, 100, 20), (Y, 30000, 1000, 100)]),
        ("postal", [(X, 1000, 300, 20), (Y, 30000, 2000, 100)]),
        ("accommodation", [(X, 300, 100, 10), (Y, 10000, 2000, 100)]),
        ("catering", [(X, 300, 100, 10), (Y, 10000, 2000, 100)]),
        ("information_transmission", [(X, 2000, 100, 10), (Y, 100000, 1000, 100)]),
        ("software_it", [(X, 300, 100, 10), (Y, 10000, 1000, 50)]),
        ("real_estate", [(Y, 200000, 1000, 100), (Z, 10000, 5000, 2000)]),
        ("property_management", [(X, 1000, 300, 100), (Y, 5000, 1000, 500)]),
        ("leasing_business", [(X, 300, 100, 10), (Z, 120000, 8000, 100)]),
        ("other", [(X, 300, 100, 10)]),
    ];

    public static TheoryData<string, string, string, SizeClass> Cases()
    {
        var data = new TheoryData<string, string, string, SizeClass>();
        foreach (var (industry, bounds) in Table)
        {
            foreach (var (sizeClass, pick) in new (SizeClass, Func<(string, decimal, decimal, decimal), decimal>)[]
                     {
                         (SizeClass.Large, b => b.Item2), (SizeClass.Medium, b => b.Item3), (SizeClass.Small, b => b.Item4),
                     })
            {
                var atBounds = bounds.ToDictionary(b => b.Measure, b => pick(b));
                data.Add(industry, Describe(atBounds), "at every bound", sizeClass);
                foreach (var (measure, _, _, _) in bounds)
                {
                    var below = new Dictionary<string, decimal>(atBounds) { [measure] = atBounds[measure] - (measure == X ? 1 : 0.01m) };
                    data.Add(industry, Describe(below), $"just below the {measure} bound", sizeClass + 1);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_industry_is_classed_on_both_sides_of_every_threshold(string industry, string facts, string where, SizeClass expected)
    {
        var values = facts.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => decimal.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var sizeFacts = new SizeFacts(
            (int)values.GetValueOrDefault(X), values.GetValueOrDefault(Y), values.GetValueOrDefault(Z));

        var result = SmeSizeStandard.Default.Classify(industry, sizeFacts);

        Assert.True(expected == result.Class, $"{industry} {where} ({facts}): expected {expected}, got {result.Class}: {result.Explain()}");
    }

    [Fact]
    public void Every_industry_of_the_interchange_files_has_thresholds() =>
        Assert.Equal(Industries.All.Select(i => i.Code).Order(), Table.Select(t => t.Industry).Order());

    [Fact]
    public void The_explanation_names_the_thresholds_met_and_missed()
    {
        var result = SmeSizeStandard.Default.Classify("software_it", new SizeFacts(45, 1200, 800));

        Assert.Equal(SizeClass.Small, result.Class);
        Assert.Equal("not large: employees 45 < 300, revenue (10k yuan) 1,200 < 10,000; not medium: employees 45 < 100; small: employees 45 ≥ 10 and revenue (10k yuan) 1,200 ≥ 50", result.Explain());
        Assert.Contains("小型", result.Explain(chinese: true), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_industry_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => SmeSizeStandard.Default.Classify("mining", new SizeFacts(1, 1, 1)));

        Assert.Contains("mining", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_threshold_file_missing_a_class_of_an_industry_is_refused_naming_the_parameter()
    {
        using var stream = typeof(SmeSizeStandard).Assembly.GetManifestResourceStream("Wenjiu.Registry.Rules.sme-size-standard.yaml")!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var broken = System.Text.RegularExpressions.Regex.Replace(text, @"^  sme\.software_it\.small\.revenue:\n(    .*\n)*", "", System.Text.RegularExpressions.RegexOptions.Multiline);
        var month = new YearMonth(2020, 2);

        var intact = SmeSizeStandard.Load([("sme-size-standard.yaml", text)], month);
        var error = Assert.Throws<ParameterFileException>(() => SmeSizeStandard.Load([("sme-size-standard.yaml", broken)], month));

        Assert.Equal(50m, intact.Bounds("software_it", SizeClass.Small)[SizeMeasure.Revenue]);
        Assert.Equal(("sme-size-standard.yaml", "sme.software_it.small.revenue"), (error.File, error.ParameterName));
    }

    [Fact]
    public void A_month_before_the_standard_took_effect_has_no_thresholds() =>
        Assert.Equal("sme.agriculture.large.revenue", Assert.Throws<ParameterNotInForceException>(() => SmeSizeStandard.For(new YearMonth(2011, 5))).ParameterName);

    private static string Describe(Dictionary<string, decimal> values) =>
        string.Join(';', values.Select(v => $"{v.Key}={v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}
