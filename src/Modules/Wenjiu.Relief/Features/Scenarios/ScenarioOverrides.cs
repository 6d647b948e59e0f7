using System.Globalization;
using Wenjiu.Platform.Rules;
using Wenjiu.Relief.Rules;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>
/// A problem with a scenario's overrides: the parameter it concerns (when there is one) and what is wrong, in English
/// (<see cref="Message"/>, for logs) and as a code with arguments that the page says in its reader's language.
/// </summary>
internal sealed record OverrideProblem(string? Parameter, string Message, string? Code = null, IReadOnlyList<string>? Arguments = null)
{
    public override string ToString() => Parameter is null ? Message : $"parameter '{Parameter}': {Message}";
}

/// <summary>
/// A scenario's parameter overrides, written in the parameter-file format (<c>parameters: name: values: […]</c>) so a
/// policy officer can copy a parameter from the rule files and change its values. Each overridden parameter must exist
/// in the rule set; its value series is checked by the same loader as the files (<see cref="ParameterFiles.Values"/>:
/// gaps, overlaps, values that do not fit the unit), with the baseline parameter's unit. Description, unit, source and
/// confidence may be copied along; a unit other than the baseline's is refused.
/// </summary>
internal static class ScenarioOverrides
{
    private const string File = "scenario";

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static IReadOnlyDictionary<string, IReadOnlyList<DatedValue>>? Parse(string? yaml, ReliefRuleSet rules, List<OverrideProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(yaml))
        {
            problems.Add(new(null, "overrides are required: parameters: <name>: values: [ { from, to, value } ]", "overrides_required"));
            return null;
        }

        OverrideFile? file;
        try
        {
            file = Yaml.Deserialize<OverrideFile>(yaml);
        }
        catch (YamlException e)
        {
            var detail = e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}";
            problems.Add(new(null, $"line {e.Start.Line}: {detail}", "yaml_syntax", [e.Start.Line.ToString(CultureInfo.InvariantCulture), e.Start.Column.ToString(CultureInfo.InvariantCulture)]));
            return null;
        }

        if (file?.Parameters is null || file.Parameters.Count == 0)
        {
            problems.Add(new(null, "no parameters are overridden: write parameters: <name>: values: [ … ]", "no_parameters"));
            return null;
        }

        var overrides = new Dictionary<string, IReadOnlyList<DatedValue>>(StringComparer.Ordinal);
        foreach (var (name, written) in file.Parameters)
        {
            if (!rules.Parameters.Defines(name))
            {
                problems.Add(new(name, $"the rule set {rules.Name} has no such parameter", "unknown_parameter", [rules.Name]));
                continue;
            }

            var unit = rules.Parameters[name].Unit;
            if (written?.Unit is { } writtenUnit && writtenUnit != unit.Name())
            {
                problems.Add(new(name, $"unit '{writtenUnit}' differs from the rule set's '{unit.Name()}'", "unit_differs", [writtenUnit, unit.Name()]));
                continue;
            }

            try
            {
                overrides[name] = ParameterFiles.Values(File, name, unit, written?.Values?.Select(v => new WrittenValue(v.From, v.To, v.Value)).ToList());
            }
            catch (ParameterFileException e)
            {
                problems.Add(new(name, e.Problem ?? e.Message, e.Code, e.Arguments));
            }
        }

        return problems.Count == 0 ? overrides : null;
    }

    private sealed class OverrideFile
    {
        public Dictionary<string, OverriddenParameter?>? Parameters { get; set; }
    }

    private sealed class OverriddenParameter
    {
        public string? Description { get; set; }

        public string? Unit { get; set; }

        /// <summary>Read and ignored, like the source and confidence: a block copied from a parameter file is accepted as it is.</summary>
        public List<Dictionary<string, string>>? Official { get; set; }

        public Dictionary<string, string>? Source { get; set; }

        public Dictionary<string, string>? Confidence { get; set; }

        public List<OverriddenValue>? Values { get; set; }
    }

    private sealed class OverriddenValue
    {
        public string? From { get; set; }

        public string? To { get; set; }

        public string? Value { get; set; }
    }
}

/// <summary>Ready-made scenarios a policy officer can start from (issue 3 §6's examples).</summary>
internal static class ScenarioExamples
{
    public sealed record Example(string Key, string Name, string Description, string OverridesYaml);

    public static readonly IReadOnlyList<Example> All =
    [
        new(
            "extend-large-halving",
            "大型企业减半征收延至 2020 年 12 月",
            "Large enterprises and other units keep paying half of the employer pension, unemployment and work-injury lines until December 2020, as SMEs are exempt until then.",
            LargeOrOther("0.5", "2020-12")),
        new(
            "exempt-large",
            "大型企业同样免征（2020 年 2 月至 6 月）",
            "Large enterprises and other units are exempt, like SMEs, instead of halved, for February to June 2020.",
            LargeOrOther("0", "2020-06")),
        new(
            "pension-rate-14",
            "单位养老保险费率降至 14%",
            "The employer pension rate falls from 16% to 14% from February 2020, with the relief windows unchanged.",
            """
            parameters:
              pension.employer_rate:
                values:
                  - { from: 2019-07, to: 2020-01, value: 0.16 }
                  - { from: 2020-02, value: 0.14 }
            """),
    ];

    public static Example? Find(string? key) => All.FirstOrDefault(e => e.Key == key);

    private static string LargeOrOther(string factor, string lastMonth)
    {
        var next = Platform.Periods.YearMonth.Parse(lastMonth, System.Globalization.CultureInfo.InvariantCulture).AddMonths(1);
        var lines = new System.Text.StringBuilder("parameters:\n");
        foreach (var insurance in new[] { "pension", "unemployment", "work_injury" })
        {
            lines.Append("  relief.payable_factor.large_or_other.").Append(insurance).Append(":\n")
                .Append("    values:\n")
                .Append("      - { from: 2019-07, to: 2020-01, value: 1 }\n")
                .Append("      - { from: 2020-02, to: ").Append(lastMonth).Append(", value: ").Append(factor).Append(" }\n")
                .Append("      - { from: ").Append(next).Append(", value: 1 }\n");
        }

        return lines.ToString();
    }
}
