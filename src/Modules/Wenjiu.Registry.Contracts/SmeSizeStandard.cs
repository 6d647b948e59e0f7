using System.Globalization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wenjiu.Registry.Domain;

public enum SizeClass
{
    Large,
    Medium,
    Small,
    Micro,
}

public enum SizeMeasure
{
    Employees,
    Revenue,
    TotalAssets,
}

/// <summary>The facts the standard classifies by: persons employed, annual operating revenue and total assets (10k yuan).</summary>
public sealed record SizeFacts(int Employees, decimal Revenue, decimal TotalAssets)
{
    public decimal Value(SizeMeasure measure) => measure switch
    {
        SizeMeasure.Employees => Employees,
        SizeMeasure.Revenue => Revenue,
        SizeMeasure.TotalAssets => TotalAssets,
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };
}

/// <summary>One comparison the classification made: "revenue 1,200 ≥ 1,000 (medium)": met or missed.</summary>
public sealed record SizeTest(SizeClass Class, SizeMeasure Measure, decimal Value, decimal Threshold, bool Met);

/// <summary>A size class with every test behind it, in the order the standard applies them.</summary>
public sealed record SizeClassification(SizeClass Class, string Industry, IReadOnlyList<SizeTest> Tests, string Source)
{
    /// <summary>A sentence a person can read, e.g. "medium: employees 150 ≥ 100 and revenue 1,200 ≥ 1,000; not large: employees 150 &lt; 300".</summary>
    public string Explain(bool chinese = false)
    {
        var parts = new List<string>();
        foreach (var group in Tests.GroupBy(t => t.Class))
        {
            var met = group.All(t => t.Met);
            var label = chinese ? ClassNameZh(group.Key) : ClassNameEn(group.Key);
            var conditions = string.Join(chinese ? "且" : " and ", group.Select(t => Describe(t, chinese)));
            parts.Add(met
                ? (chinese ? $"{label}：{conditions}" : $"{label}: {conditions}")
                : (chinese ? $"非{label}：{string.Join("，", group.Where(t => !t.Met).Select(t => Describe(t, chinese)))}" : $"not {label}: {string.Join(", ", group.Where(t => !t.Met).Select(t => Describe(t, chinese)))}"));
        }

        if (Class == SizeClass.Micro)
        {
            parts.Add(chinese ? "因此为微型" : "so micro");
        }

        return string.Join(chinese ? "；" : "; ", parts);
    }

    private static string Describe(SizeTest test, bool chinese)
    {
        var measure = chinese
            ? test.Measure switch { SizeMeasure.Employees => "从业人员", SizeMeasure.Revenue => "营业收入(万元)", _ => "资产总额(万元)" }
            : test.Measure switch { SizeMeasure.Employees => "employees", SizeMeasure.Revenue => "revenue (10k yuan)", _ => "total assets (10k yuan)" };
        var op = test.Met ? "≥" : "<";
        return string.Create(CultureInfo.InvariantCulture, $"{measure} {test.Value:#,0.##} {op} {test.Threshold:#,0.##}");
    }

    public static string ClassNameEn(SizeClass c) => c switch
    {
        SizeClass.Large => "large",
        SizeClass.Medium => "medium",
        SizeClass.Small => "small",
        _ => "micro",
    };

    public static string ClassNameZh(SizeClass c) => c switch
    {
        SizeClass.Large => "大型",
        SizeClass.Medium => "中型",
        SizeClass.Small => "小型",
        _ => "微型",
    };
}

/// <summary>
/// The SME size standard 工信部联企业〔2011〕300号 as data (Rules/sme-size-standard.yaml), applied as the NBS
/// statistical version states it: a class needs ALL its bounds met, else the enterprise drops a class; micro needs none.
/// </summary>
public sealed class SmeSizeStandard
{
    private readonly Dictionary<string, IndustryThresholds> industries;

    private SmeSizeStandard(string source, Dictionary<string, IndustryThresholds> industries)
    {
        Source = source;
        this.industries = industries;
    }

    public string Source { get; }

    public static SmeSizeStandard Default { get; } = Load();

    public IReadOnlyDictionary<SizeMeasure, decimal> Bounds(string industry, SizeClass sizeClass)
    {
        var t = Thresholds(industry);
        return sizeClass switch
        {
            SizeClass.Large => t.Large,
            SizeClass.Medium => t.Medium,
            SizeClass.Small => t.Small,
            _ => new Dictionary<SizeMeasure, decimal>(),
        };
    }

    public SizeClassification Classify(string industry, SizeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var thresholds = Thresholds(industry);
        var tests = new List<SizeTest>();
        foreach (var (sizeClass, bounds) in new[] { (SizeClass.Large, thresholds.Large), (SizeClass.Medium, thresholds.Medium), (SizeClass.Small, thresholds.Small) })
        {
            var group = bounds.Select(b => new SizeTest(sizeClass, b.Key, facts.Value(b.Key), b.Value, facts.Value(b.Key) >= b.Value)).ToList();
            tests.AddRange(group);
            if (group.TrueForAll(t => t.Met))
            {
                return new SizeClassification(sizeClass, industry, tests, Source);
            }
        }

        return new SizeClassification(SizeClass.Micro, industry, tests, Source);
    }

    private IndustryThresholds Thresholds(string industry) =>
        industries.TryGetValue(industry, out var t) ? t : throw new ArgumentException($"'{industry}' is not an industry of the SME size standard.", nameof(industry));

    private static SmeSizeStandard Load()
    {
        using var stream = typeof(SmeSizeStandard).Assembly.GetManifestResourceStream("Wenjiu.Registry.Rules.sme-size-standard.yaml")
            ?? throw new InvalidOperationException("The SME size standard parameter file is not embedded.");
        using var reader = new StreamReader(stream);
        var file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<StandardFile>(reader);
        var result = new Dictionary<string, IndustryThresholds>(StringComparer.Ordinal);
        foreach (var (code, row) in file.Industries)
        {
            if (!Industries.IsKnown(code))
            {
                throw new InvalidOperationException($"sme-size-standard.yaml: unknown industry '{code}'.");
            }

            result[code] = new IndustryThresholds(Measures(code, "large", row.Large), Measures(code, "medium", row.Medium), Measures(code, "small", row.Small));
        }

        var missing = Industries.All.Select(i => i.Code).Where(c => !result.ContainsKey(c)).ToList();
        return missing.Count == 0
            ? new SmeSizeStandard($"{file.Title}, {file.Source}", result)
            : throw new InvalidOperationException($"sme-size-standard.yaml: no thresholds for {string.Join(", ", missing)}.");
    }

    private static Dictionary<SizeMeasure, decimal> Measures(string industry, string level, Dictionary<string, decimal>? values)
    {
        if (values is null || values.Count == 0)
        {
            throw new InvalidOperationException($"sme-size-standard.yaml: {industry}.{level} has no thresholds.");
        }

        return values.ToDictionary(
            v => v.Key switch
            {
                "employees" => SizeMeasure.Employees,
                "revenue" => SizeMeasure.Revenue,
                "total_assets" => SizeMeasure.TotalAssets,
                _ => throw new InvalidOperationException($"sme-size-standard.yaml: {industry}.{level} has unknown measure '{v.Key}'."),
            },
            v => v.Value);
    }

    private sealed record IndustryThresholds(
        IReadOnlyDictionary<SizeMeasure, decimal> Large,
        IReadOnlyDictionary<SizeMeasure, decimal> Medium,
        IReadOnlyDictionary<SizeMeasure, decimal> Small);

    private sealed class StandardFile
    {
        public string Title { get; set; } = "";

        public string Source { get; set; } = "";

        public Dictionary<string, IndustryRow> Industries { get; set; } = [];
    }

    private sealed class IndustryRow
    {
        public Dictionary<string, decimal>? Large { get; set; }

        public Dictionary<string, decimal>? Medium { get; set; }

        public Dictionary<string, decimal>? Small { get; set; }
    }
}
