using System.Globalization;
using System.Text;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;

namespace Wenjiu.Registry.Contracts;

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
/// The SME size standard 工信部联企业〔2011〕300号 as dated parameters (Rules/sme-size-standard.yaml, one parameter
/// <c>sme.&lt;industry&gt;.&lt;class&gt;.&lt;measure&gt;</c> each, read by the platform's loader), applied as the NBS
/// statistical version states it: a class needs ALL its bounds met, else the enterprise drops a class; micro needs none.
/// An instance holds the thresholds in force in one month.
/// </summary>
public sealed class SmeSizeStandard
{
    internal const string File = "sme-size-standard.yaml";
    private const string Prefix = "sme.";
    private const string RuleSetName = "sme-size-standard";

    private static readonly (string Code, SizeClass Class)[] Classes = [("large", SizeClass.Large), ("medium", SizeClass.Medium), ("small", SizeClass.Small)];
    private static readonly (string Code, SizeMeasure Measure)[] Measures = [("employees", SizeMeasure.Employees), ("revenue", SizeMeasure.Revenue), ("total_assets", SizeMeasure.TotalAssets)];
    private static readonly Lazy<ParameterSet> Embedded = new(() => ParameterFiles.Load(RuleSetName, [(File, ReadEmbedded())]));

    private readonly Dictionary<string, IndustryThresholds> industries;

    private SmeSizeStandard(string source, string version, Dictionary<string, IndustryThresholds> industries)
    {
        Source = source;
        Version = version;
        this.industries = industries;
    }

    public string Source { get; }

    /// <summary>The parameter file's content hash, for recording which thresholds a decision used.</summary>
    public string Version { get; }

    /// <summary>The thresholds in force this month.</summary>
    public static SmeSizeStandard Default { get; } = For(YearMonth.FromDate(DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime)));

    /// <summary>The thresholds in force in <paramref name="month"/>.</summary>
    /// <exception cref="ParameterNotInForceException">A threshold has no value in force that month.</exception>
    public static SmeSizeStandard For(YearMonth month) => FromParameters(Embedded.Value, month);

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

    /// <summary>
    /// Reads the thresholds in force in <paramref name="month"/> from parameter files (the embedded one, or a test's).
    /// Beyond the loader's checks: every parameter is <c>sme.&lt;known industry&gt;.&lt;class&gt;.&lt;measure&gt;</c>,
    /// every industry has thresholds, and an industry bounds the same measures in all three classes.
    /// </summary>
    /// <exception cref="ParameterFileException">The file breaks the format or the standard's shape; names the parameter.</exception>
    internal static SmeSizeStandard Load(IEnumerable<(string File, string Text)> files, YearMonth month) =>
        FromParameters(ParameterFiles.Load(RuleSetName, files), month);

    private static SmeSizeStandard FromParameters(ParameterSet set, YearMonth month)
    {
        foreach (var parameter in set.All)
        {
            var parts = parameter.Name.Split('.');
            if (parts.Length != 4 || parts[0] != "sme" || !Industries.IsKnown(parts[1]) || !Classes.Any(c => c.Code == parts[2]) || !Measures.Any(m => m.Code == parts[3]))
            {
                throw new ParameterFileException(File, parameter.Name, "is not sme.<industry>.<large|medium|small>.<employees|revenue|total_assets> with a known industry");
            }

            var expected = parts[3] == "employees" ? ParameterUnit.Persons : ParameterUnit.TenThousandYuan;
            if (parameter.Unit != expected)
            {
                throw new ParameterFileException(File, parameter.Name, $"has unit {parameter.Unit.Name()}, expected {expected.Name()}");
            }
        }

        var result = new Dictionary<string, IndustryThresholds>(StringComparer.Ordinal);
        foreach (var industry in Industries.All.Select(i => i.Code))
        {
            // The measures an industry is bounded by: those any of its classes names; each class must name them all.
            var measures = Measures.Where(m => Classes.Any(c => set.Defines(Name(industry, c.Code, m.Code)))).ToList();
            if (measures.Count == 0)
            {
                throw new ParameterFileException(File, $"{Prefix}{industry}.*", "the industry has no thresholds");
            }

            var bounds = new Dictionary<SizeClass, IReadOnlyDictionary<SizeMeasure, decimal>>();
            foreach (var (classCode, sizeClass) in Classes)
            {
                var values = new Dictionary<SizeMeasure, decimal>();
                foreach (var (measureCode, measure) in measures)
                {
                    var name = Name(industry, classCode, measureCode);
                    values[measure] = set.Defines(name)
                        ? set[name].At(month).Number
                        : throw new ParameterFileException(File, name, $"is missing: {industry} is bounded by {measureCode} in another class, so every class needs it");
                }

                bounds[sizeClass] = values;
            }

            result[industry] = new IndustryThresholds(bounds[SizeClass.Large], bounds[SizeClass.Medium], bounds[SizeClass.Small]);
        }

        // What an enterprise is shown: the official document, never the research page the thresholds were copied from.
        var source = set.All.Select(p => p.Citation).Distinct();
        return new SmeSizeStandard(string.Join("; ", source), set.Version, result);
    }

    private static string Name(string industry, string sizeClass, string measure) => $"{Prefix}{industry}.{sizeClass}.{measure}";

    private static string ReadEmbedded()
    {
        using var stream = typeof(SmeSizeStandard).Assembly.GetManifestResourceStream("Wenjiu.Registry.Rules." + File)
            ?? throw new InvalidOperationException("The SME size standard parameter file is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private IndustryThresholds Thresholds(string industry) =>
        industries.TryGetValue(industry, out var t) ? t : throw new ArgumentException($"'{industry}' is not an industry of the SME size standard.", nameof(industry));

    private sealed record IndustryThresholds(
        IReadOnlyDictionary<SizeMeasure, decimal> Large,
        IReadOnlyDictionary<SizeMeasure, decimal> Medium,
        IReadOnlyDictionary<SizeMeasure, decimal> Small);
}
