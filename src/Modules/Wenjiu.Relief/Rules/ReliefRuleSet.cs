using System.Text;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Rules;

/// <summary>
/// The rule set <c>beijing-2020</c>: the dated parameters (Rules/parameters/*.yaml) and the category table
/// (Rules/relief-categories.yaml), embedded in this assembly, with the registry's SME size thresholds.
/// <see cref="Version"/> is a hash of all of them, so an assessment can record exactly which rules it used.
/// </summary>
internal sealed class ReliefRuleSet
{
    public const string Beijing2020Name = "beijing-2020";
    private const string ResourcePrefix = "Wenjiu.Relief.Rules.";

    public ReliefRuleSet(ParameterSet parameters, ReliefCategories categories, string version)
    {
        Parameters = parameters;
        Categories = categories;
        Version = version;
    }

    public static ReliefRuleSet Beijing2020 { get; } = LoadEmbedded();

    public string Name => Parameters.Name;

    public string Version { get; }

    public ParameterSet Parameters { get; }

    public ReliefCategories Categories { get; }

    /// <summary>The same rules with some parameters' values replaced (a what-if scenario); the baseline is untouched.</summary>
    public ReliefRuleSet With(IReadOnlyDictionary<string, IReadOnlyList<DatedValue>> overrides, string scenario)
    {
        var parameters = Parameters.With(overrides, scenario);
        return new ReliefRuleSet(parameters, Categories, $"{Version}+{scenario}");
    }

    /// <summary>Every parameter a month needs, looked up once (fails naming the first parameter not in force).</summary>
    public MonthlyParameters For(YearMonth month) => MonthlyParameters.Resolve(Parameters, month);

    public static string ParameterName(Insurance insurance, string what) => $"{insurance.Code()}.{what}";

    public static string PayableFactorName(ReliefCategory category, Insurance insurance) => $"relief.payable_factor.{category.Code()}.{insurance.Code()}";

    private static ReliefRuleSet LoadEmbedded()
    {
        var assembly = typeof(ReliefRuleSet).Assembly;
        var parameters = ParameterFiles.LoadEmbedded(Beijing2020Name, assembly, ResourcePrefix + "parameters.");
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + ReliefCategories.File)
            ?? throw new InvalidOperationException($"{ReliefCategories.File} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var categoriesText = reader.ReadToEnd();

        // One version over everything the rule set reads: the parameter files' hash, the category table and the SME
        // size thresholds that decide the sme category.
        var version = ParameterFiles.Version([("parameters", parameters.Version), (ReliefCategories.File, categoriesText), ("sme-size-standard", SmeSizeStandard.Default.Version)]);
        return new ReliefRuleSet(parameters, ReliefCategories.Parse(categoriesText), version);
    }
}
