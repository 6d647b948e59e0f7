using System.Globalization;
using System.Text;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>
/// The common scenario changes as a form gives them, every value as typed (empty: keep the baseline): per relief
/// category the last relief month and the payable factor of the employer pension, unemployment and work-injury lines,
/// and the employer pension rate from the start of the relief.
/// </summary>
internal sealed record CommonOverridesForm(string? SmeWindowEnd, string? SmeFactor, string? LargeWindowEnd, string? LargeFactor, string? PensionRate)
{
    public bool IsEmpty => new[] { SmeWindowEnd, SmeFactor, LargeWindowEnd, LargeFactor, PensionRate }.All(string.IsNullOrWhiteSpace);
}

/// <summary>A category's relief window and factor in the baseline, for the form's hints and defaults.</summary>
internal sealed record CategoryWindow(YearMonth Start, YearMonth End, string Factor);

/// <summary>
/// The form and the YAML are one model: the form writes parameter overrides in the parameter-file format, the same
/// that a policy officer writes by hand (<see cref="ScenarioOverrides"/>), merged with any other overrides the YAML
/// holds; and a saved scenario whose overrides have the form's shape reads back into the form.
/// </summary>
internal static class CommonOverrides
{
    public const string Sme = "sme";
    public const string LargeOrOther = "large_or_other";
    public const string RateParameter = "pension.employer_rate";

    private static readonly string[] Insurances = ["pension", "unemployment", "work_injury"];

    public static string FactorParameter(string category, string insurance) => $"relief.payable_factor.{category}.{insurance}";

    /// <summary>The baseline's window of a category: its first value other than 1 (the relief), read from the pension line.</summary>
    public static CategoryWindow Baseline(ReliefRuleSet rules, string category)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var values = rules.Parameters[FactorParameter(category, "pension")].Values;
        var relief = values.FirstOrDefault(v => v.Number != 1 && v.To is not null) ?? values[0];
        return new CategoryWindow(YearMonth.FromDate(relief.From), YearMonth.FromDate(relief.To ?? relief.From), relief.Written);
    }

    /// <summary>When a changed pension rate starts (the start of the SME relief) and the baseline's rate then.</summary>
    public static (YearMonth From, string Rate) RateBaseline(ReliefRuleSet rules)
    {
        var from = Baseline(rules, Sme).Start;
        return (from, rules.Parameters[RateParameter].At(from).Written);
    }

    /// <summary>The latest last month the form accepts: as many months as one run may cover, from the window's start.</summary>
    public static YearMonth LatestEnd(CategoryWindow window) => window.Start.AddMonths(ScenarioHandler.MaxMonths - 1);

    /// <summary>
    /// The overrides YAML the form and <paramref name="advancedYaml"/> make together (the form's parameters win), or
    /// null with the problems naming the form's fields. An empty form gives the advanced YAML as it is.
    /// </summary>
    public static string? Merge(CommonOverridesForm form, string? advancedYaml, ReliefRuleSet rules, List<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(problems);
        if (form.IsEmpty)
        {
            return advancedYaml;
        }

        var written = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        Category(rules, Sme, form.SmeWindowEnd, form.SmeFactor, nameof(form.SmeWindowEnd), nameof(form.SmeFactor), written, problems);
        Category(rules, LargeOrOther, form.LargeWindowEnd, form.LargeFactor, nameof(form.LargeWindowEnd), nameof(form.LargeFactor), written, problems);
        if (!string.IsNullOrWhiteSpace(form.PensionRate))
        {
            if (decimal.TryParse(form.PensionRate.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1)
            {
                var (from, _) = RateBaseline(rules);
                var lines = Before(rules.Parameters[RateParameter], from);
                lines.Add(Value(from.ToString(), null, Number(rate)));
                written[RateParameter] = lines;
            }
            else
            {
                problems.Add(new(nameof(form.PensionRate), "rate_invalid"));
            }
        }

        if (problems.Count > 0)
        {
            return null;
        }

        // The advanced YAML's other parameters are kept, as checked values written back in the same format.
        if (!string.IsNullOrWhiteSpace(advancedYaml))
        {
            var advancedProblems = new List<OverrideProblem>();
            var advanced = ScenarioOverrides.Parse(advancedYaml, rules, advancedProblems);
            if (advanced is null)
            {
                problems.AddRange(advancedProblems.Select(p => new FieldProblem("OverridesYaml", p.Code ?? p.Message, p.Parameter, p.Arguments)));
                return null;
            }

            foreach (var (name, values) in advanced.Where(a => !written.ContainsKey(a.Key)))
            {
                written[name] = values.Select(v => Value(v.FromWritten, v.To is { } to ? End(to) : null, v.Written)).ToList();
            }
        }

        var yaml = new StringBuilder("parameters:\n");
        foreach (var (name, values) in written)
        {
            yaml.Append("  ").Append(name).Append(":\n    values:\n");
            foreach (var value in values)
            {
                yaml.Append("      - ").Append(value).Append('\n');
            }
        }

        return yaml.ToString();
    }

    /// <summary>The form's fields as saved overrides give them: filled only where the overrides have the form's shape.</summary>
    public static CommonOverridesForm Read(string? yaml, ReliefRuleSet rules)
    {
        var overrides = string.IsNullOrWhiteSpace(yaml) ? null : ScenarioOverrides.Parse(yaml, rules, []);
        if (overrides is null)
        {
            return new(null, null, null, null, null);
        }

        var (smeEnd, smeFactor) = ReadCategory(overrides, rules, Sme);
        var (largeEnd, largeFactor) = ReadCategory(overrides, rules, LargeOrOther);
        string? rate = null;
        if (overrides.TryGetValue(RateParameter, out var rates) && rates[^1] is { To: null } last && YearMonth.FromDate(last.From) == RateBaseline(rules).From)
        {
            rate = last.Written;
        }

        return new(smeEnd, smeFactor, largeEnd, largeFactor, rate);
    }

    private static void Category(ReliefRuleSet rules, string category, string? endText, string? factorText, string endField, string factorField, SortedDictionary<string, List<string>> written, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(endText) && string.IsNullOrWhiteSpace(factorText))
        {
            return;
        }

        var window = Baseline(rules, category);
        var end = window.End;
        if (!string.IsNullOrWhiteSpace(endText))
        {
            if (!YearMonth.TryParse(endText.Trim(), CultureInfo.InvariantCulture, out end))
            {
                problems.Add(new(endField, "window_end_invalid"));
                return;
            }

            if (end < window.Start || end > LatestEnd(window))
            {
                problems.Add(new(endField, "window_end_range", null, [window.Start.ToString(), LatestEnd(window).ToString()]));
                return;
            }
        }

        var factor = window.Factor;
        if (!string.IsNullOrWhiteSpace(factorText))
        {
            if (!decimal.TryParse(factorText.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) || parsed is < 0 or > 1)
            {
                problems.Add(new(factorField, "factor_invalid"));
                return;
            }

            factor = Number(parsed);
        }

        foreach (var insurance in Insurances)
        {
            var parameter = rules.Parameters[FactorParameter(category, insurance)];
            var lines = Before(parameter, window.Start);
            lines.Add(Value(window.Start.ToString(), end.ToString(), factor));
            lines.Add(Value(end.AddMonths(1).ToString(), null, parameter.Values[^1].Written));
            written[parameter.Name] = lines;
        }
    }

    private static (string? End, string? Factor) ReadCategory(IReadOnlyDictionary<string, IReadOnlyList<DatedValue>> overrides, ReliefRuleSet rules, string category)
    {
        var window = Baseline(rules, category);
        (string End, string Factor)? found = null;
        foreach (var insurance in Insurances)
        {
            if (!overrides.TryGetValue(FactorParameter(category, insurance), out var values) || values.Count < 2)
            {
                return (null, null);
            }

            var relief = values[^2];
            if (YearMonth.FromDate(relief.From) != window.Start || relief.To is not { } to || values[^1].To is not null)
            {
                return (null, null);
            }

            var shape = (YearMonth.FromDate(to).ToString(), relief.Written);
            if (found is not null && found != shape)
            {
                return (null, null);
            }

            found = shape;
        }

        return found is { } f ? (f.End, f.Factor) : (null, null);
    }

    /// <summary>The parameter's values before <paramref name="start"/>, the one in force then cut to end the month before.</summary>
    private static List<string> Before(Parameter parameter, YearMonth start)
    {
        var lines = new List<string>();
        foreach (var value in parameter.Values.Where(v => v.From < start.FirstDay))
        {
            var to = value.To is { } t && t < start.FirstDay ? End(t) : start.AddMonths(-1).ToString();
            lines.Add(Value(value.FromWritten, to, value.Written));
        }

        return lines;
    }

    private static string End(DateOnly to) =>
        to.AddDays(1).Day == 1 ? YearMonth.FromDate(to).ToString() : to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Value(string from, string? to, string value) =>
        to is null ? $"{{ from: {from}, value: {value} }}" : $"{{ from: {from}, to: {to}, value: {value} }}";

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
