using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Localization;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Calculate;

/// <summary>
/// The calculator for one employer and one month (issue 3 §2), shared by <c>POST /api/v1/relief/calculate</c> and
/// <c>wenjiu relief calculate FILE.json</c>: parse the JSON, check every field (naming the field that is wrong), compute,
/// and answer in the documented shape. No database: everything it needs is in the request and the rule set.
/// </summary>
internal static class CalculateRelief
{
    /// <summary>A public tool: a request beyond this many employees is refused rather than tying up the server.</summary>
    public const int MaxEmployees = 10_000;

    /// <summary>
    /// A declared monthly wage is below ten billion yuan, the bound of the registry's wage column (numeric(12,2),
    /// RowRules): no wage comes near it, and it keeps the wage in fen far inside the whole-fen arithmetic of
    /// <see cref="ContributionRules"/> (a wage of 10^17 yuan overflowed it, answering 500).
    /// </summary>
    public const decimal WageBound = 10_000_000_000m;

    /// <summary>
    /// Revenue and total assets (10k yuan) are below 10^16, the bound of the registry's numeric(18,2) columns
    /// (Employer.AmountCeiling): far beyond any enterprise, and every comparison with a size threshold stays exact.
    /// </summary>
    public const decimal AmountBound = 10_000_000_000_000_000m;

    /// <summary>An employer's headcount (a size fact) is at most ten million persons: more than Beijing's 9 million insured.</summary>
    public const int PersonsBound = 10_000_000;

    /// <summary>The API's JSON (<see cref="ApiJson"/>), stricter in what it reads: an unknown or misspelt member is an error.</summary>
    public static readonly JsonSerializerOptions Json = new(ApiJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = true,

        // Chinese text and ≥ stay readable; the answer is application/json, never inlined into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses, checks and computes; <see cref="Outcome.Errors"/> names each bad field.</summary>
    public static async Task<Outcome> RunAsync(Stream json, bool explain, ReliefRuleSet rules, SmeSizeStandard sizeStandard, CalculatorText text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        Request? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<Request>(json, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            // A number beyond decimal's range (1e30), NaN or Infinity written as a string, text where a number goes.
            return Outcome.Invalid(FieldOf(e.Path), e.Path is null or "$" ? text["Body.Shape"] : text["Body.Value"]);
        }

        return request is null ? Outcome.Invalid("body", text["Body.Required"]) : Run(request, explain, rules, sizeStandard, text);
    }

    public static Outcome Run(Request request, bool explain, ReliefRuleSet rules, SmeSizeStandard sizeStandard, CalculatorText text)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(text);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = Check(request, rules, sizeStandard, text, errors, out var scenarioRules);
        if (input is null)
        {
            return new Outcome(null, errors);
        }

        try
        {
            var calculation = ReliefCalculator.Calculate(scenarioRules, input, sizeStandard, explain);
            return new Outcome(Answer(calculation, request.Scenario?.Name), errors);
        }
        catch (ParameterNotInForceException e)
        {
            return Outcome.Invalid("month", text["Month.NotInForce", rules.Name, e.ParameterName ?? "", e.Month?.ToString() ?? request.Month ?? ""]);
        }
        catch (ArgumentException) when (request.Scenario is not null)
        {
            // A scenario's base in parts of a fen or a rate beyond nine decimals cannot be computed exactly.
            return Outcome.Invalid("scenario.parameters", text["Scenario.Inexact"]);
        }
        catch (OverflowException) when (request.Scenario is not null)
        {
            // The request's own amounts are bounded (WageBound); a scenario's base ceiling is the one amount that is not.
            return Outcome.Invalid("scenario.parameters", text["Scenario.TooLarge"]);
        }
    }

    private static EmployerMonth? Check(Request request, ReliefRuleSet rules, SmeSizeStandard sizeStandard, CalculatorText text, Dictionary<string, string[]> errors, out ReliefRuleSet scenarioRules)
    {
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        scenarioRules = rules;

        YearMonth month = default;
        if (string.IsNullOrWhiteSpace(request.Month))
        {
            Add("month", text["Month.Required"]);
        }
        else if (!YearMonth.TryParse(request.Month, CultureInfo.InvariantCulture, out month))
        {
            Add("month", text["Month.Invalid", request.Month]);
        }

        var employer = CheckEmployer(request.Employer, rules, sizeStandard, text, Add);
        var employees = CheckEmployees(request.Employees, text, Add);
        if (request.Scenario is not null)
        {
            scenarioRules = CheckScenario(request.Scenario, rules, text, Add) ?? rules;
        }

        return errors.Count == 0 ? new EmployerMonth(month, employer!, employees!) : null;
    }

    private static EmployerFacts? CheckEmployer(EmployerRequest? e, ReliefRuleSet rules, SmeSizeStandard sizeStandard, CalculatorText text, Action<string, string> add)
    {
        if (e is null)
        {
            add("employer", text["Employer.Required"]);
            return null;
        }

        var uscc = UnifiedSocialCreditCode.Validate(e.Uscc);
        if (!uscc.IsValid)
        {
            add("employer.uscc", uscc.Problem switch
            {
                UsccProblem.WrongLength => text["Uscc.WrongLength"],
                UsccProblem.InvalidCharacter => text["Uscc.InvalidCharacter", uscc.Position],
                UsccProblem.WrongCheckCharacter => text["Uscc.WrongCheckCharacter", uscc.Expected],
                _ => text["Uscc.Missing"],
            });
        }

        if (e.Industry is not null && !Industries.IsKnown(e.Industry))
        {
            add("employer.industry", text["Industry.Unknown", e.Industry, string.Join(", ", Industries.All.Select(i => i.Code))]);
        }

        SizeClass? given = null;
        if (e.SizeClass is not null)
        {
            given = Enum.GetValues<SizeClass>().Select(c => (SizeClass?)c).FirstOrDefault(c => SizeClassification.ClassNameEn(c!.Value) == e.SizeClass);
            if (given is null)
            {
                add("employer.size_class", text["SizeClass.Unknown", e.SizeClass]);
            }
        }

        if (e.Employees < 0)
        {
            add("employer.employees", text["Persons.Negative"]);
        }
        else if (e.Employees > PersonsBound)
        {
            add("employer.employees", text["Persons.TooMany", PersonsBound.ToString("N0", CultureInfo.InvariantCulture)]);
        }

        CheckAmount("employer.revenue", e.Revenue, "Revenue", text, add);
        CheckAmount("employer.total_assets", e.TotalAssets, "Assets", text, add);

        if (e.InjuryRate is null)
        {
            add("employer.injury_rate", text["InjuryRate.Required"]);
        }
        else if (e.InjuryRate is < 0 or > 100)
        {
            add("employer.injury_rate", text["InjuryRate.Range"]);
        }
        else if (decimal.Round(e.InjuryRate.Value, 7) != e.InjuryRate.Value)
        {
            // The formulas compute in exact billionths of the base (ContributionRules); no published rate needs more.
            add("employer.injury_rate", text["InjuryRate.Decimals"]);
        }

        // The size facts are needed only where the category depends on the size class and no class is given; then
        // exactly the measures the industry's thresholds use.
        if (uscc.IsValid && e.SizeClass is null && rules.Categories.NeedsSizeClass(UnifiedSocialCreditCode.EntityTypeOf(e.Uscc!)))
        {
            if (e.Industry is null)
            {
                add("employer.industry", text["Industry.Required"]);
            }
            else if (Industries.IsKnown(e.Industry))
            {
                foreach (var measure in Measures(sizeStandard, e.Industry).Where(m => Fact(e, m) is null))
                {
                    add($"employer.{MeasureField(measure)}", text["Measure.Required", e.Industry]);
                }
            }
        }

        SizeFacts? facts = null;
        if (e.Industry is not null && Industries.IsKnown(e.Industry) && Measures(sizeStandard, e.Industry).All(m => Fact(e, m) is not null))
        {
            facts = new SizeFacts(e.Employees ?? 0, e.Revenue ?? 0, e.TotalAssets ?? 0);
        }

        return new EmployerFacts(e.Uscc ?? "", e.InjuryRate ?? 0, given, e.Industry, facts);
    }

    private static void CheckAmount(string field, decimal? amount, string key, CalculatorText text, Action<string, string> add)
    {
        if (amount < 0)
        {
            add(field, text[$"{key}.Negative"]);
        }
        else if (amount >= AmountBound)
        {
            add(field, text[$"{key}.TooLarge", AmountBound.ToString("N0", CultureInfo.InvariantCulture)]);
        }
    }

    private static List<InsuredWage>? CheckEmployees(List<EmployeeRequest>? employees, CalculatorText text, Action<string, string> add)
    {
        if (employees is null)
        {
            add("employees", text["Employees.Required"]);
            return null;
        }

        if (employees.Count > MaxEmployees)
        {
            add("employees", text["Employees.TooMany", MaxEmployees.ToString("N0", CultureInfo.InvariantCulture)]);
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<InsuredWage>(employees.Count);
        for (var i = 0; i < employees.Count; i++)
        {
            var employee = employees[i];
            var field = $"employees[{i}]";
            if (employee is null)
            {
                add(field, text["Employee.Object"]);
                continue;
            }

            if (string.IsNullOrWhiteSpace(employee.Id))
            {
                add($"{field}.id", text["Employee.IdRequired"]);
            }
            else if (!seen.Add(employee.Id))
            {
                add($"{field}.id", text["Employee.IdTwice", employee.Id]);
            }

            if (employee.Wage is not { } wage)
            {
                add($"{field}.wage", text["Wage.Required"]);
            }
            else if (wage < 0)
            {
                add($"{field}.wage", text["Wage.Negative"]);
            }
            else if (wage >= WageBound)
            {
                add($"{field}.wage", text["Wage.TooLarge", WageBound.ToString("N0", CultureInfo.InvariantCulture)]);
            }
            else if (decimal.Round(wage, 2) != wage)
            {
                add($"{field}.wage", text["Wage.Decimals"]);
            }
            else
            {
                result.Add(new InsuredWage(employee.Id ?? "", wage));
            }
        }

        return result;
    }

    private static ReliefRuleSet? CheckScenario(ScenarioRequest scenario, ReliefRuleSet rules, CalculatorText text, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(scenario.Name))
        {
            add("scenario.name", text["Scenario.Name"]);
        }

        if (scenario.Parameters is null || scenario.Parameters.Count == 0)
        {
            add("scenario.parameters", text["Scenario.Parameters"]);
            return null;
        }

        var overrides = new Dictionary<string, IReadOnlyList<DatedValue>>(StringComparer.Ordinal);
        foreach (var (name, values) in scenario.Parameters)
        {
            var field = $"scenario.parameters.{name}";
            if (!rules.Parameters.Defines(name))
            {
                add(field, text["Scenario.Unknown", rules.Name, name]);
                continue;
            }

            try
            {
                var written = values?.Select(v => new WrittenValue(v.From, v.To, v.Value)).ToList();
                overrides[name] = ParameterFiles.Values("scenario", name, rules.Parameters[name].Unit, written);
            }
            catch (ParameterFileException e)
            {
                add(field, text["Scenario.Values", e.Problem ?? e.Message]);
            }
        }

        return overrides.Count == scenario.Parameters.Count && !string.IsNullOrWhiteSpace(scenario.Name)
            ? rules.With(overrides, scenario.Name)
            : null;
    }

    private static IEnumerable<SizeMeasure> Measures(SmeSizeStandard standard, string industry) =>
        new[] { SizeClass.Large, SizeClass.Medium, SizeClass.Small }.SelectMany(c => standard.Bounds(industry, c).Keys).Distinct();

    private static decimal? Fact(EmployerRequest e, SizeMeasure measure) => measure switch
    {
        SizeMeasure.Employees => e.Employees,
        SizeMeasure.Revenue => e.Revenue,
        _ => e.TotalAssets,
    };

    private static string MeasureField(SizeMeasure measure) => measure switch
    {
        SizeMeasure.Employees => "employees",
        SizeMeasure.Revenue => "revenue",
        _ => "total_assets",
    };

    /// <summary>"$.employees[0].wage" → "employees[0].wage".</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static Response Answer(ReliefCalculation c, string? scenario) => new(
        c.Month.ToString(),
        c.RuleSet,
        c.RuleSetVersion,
        scenario,
        c.Category.Category.Code(),
        c.Category.Why,
        c.Category.SizeClass is { } size ? SizeClassification.ClassNameEn(size) : null,
        c.Category.SizeClassWhy,
        AmountsOf(c.Totals),
        c.Insurances.ToDictionary(i => i.Key.Code(), i => AmountsOf(i.Value)),
        c.Lines.Select(l => new Line(
            l.Employee,
            l.Insurance.Code(),
            l.Party.Code(),
            l.Kind.Code(),
            l.Base is { } b ? Fen(b) : null,
            l.Rate,
            Fen(l.Due),
            Fen(l.Relief),
            Fen(l.Payable),
            l.Trace)).ToList());

    private static AmountsAnswer AmountsOf(Amounts a) => new(Fen(a.EmployerDue), Fen(a.EmployerRelief), Fen(a.EmployerPayable), Fen(a.EmployeePayable));

    /// <summary>Money always with two decimals in the answer (3613 → 3613.00); adding 0.00m only raises the scale.</summary>
    private static decimal Fen(decimal amount) => ContributionRules.RoundToTheFen(amount) + 0.00m;

    internal sealed record Outcome(Response? Response, IReadOnlyDictionary<string, string[]> Errors)
    {
        public bool IsValid => Response is not null;

        public static Outcome Invalid(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
    }

    internal sealed class Request
    {
        public string? Month { get; set; }

        public EmployerRequest? Employer { get; set; }

        public List<EmployeeRequest>? Employees { get; set; }

        public ScenarioRequest? Scenario { get; set; }
    }

    internal sealed class EmployerRequest
    {
        public string? Uscc { get; set; }

        public string? Industry { get; set; }

        public int? Employees { get; set; }

        public decimal? Revenue { get; set; }

        [JsonPropertyName("total_assets")]
        public decimal? TotalAssets { get; set; }

        /// <summary>The employer's own work-injury rate, in percent (0.4 = 0.4%).</summary>
        [JsonPropertyName("injury_rate")]
        public decimal? InjuryRate { get; set; }

        [JsonPropertyName("size_class")]
        public string? SizeClass { get; set; }
    }

    internal sealed class EmployeeRequest
    {
        public string? Id { get; set; }

        public decimal? Wage { get; set; }
    }

    /// <summary>A what-if: parameters whose value series is replaced for this calculation only.</summary>
    internal sealed class ScenarioRequest
    {
        public string? Name { get; set; }

        public Dictionary<string, List<ScenarioValue>?>? Parameters { get; set; }
    }

    internal sealed class ScenarioValue
    {
        public string? From { get; set; }

        public string? To { get; set; }

        /// <summary>Written as in a parameter file: a number, a month or true/false.</summary>
        [JsonConverter(typeof(NumberOrTextConverter))]
        public string? Value { get; set; }
    }

    /// <remarks>
    /// Names are spelt out, not left to a naming policy, so the OpenAPI document (built with the host's JSON options)
    /// shows the same snake_case names the calculator reads and writes.
    /// </remarks>
    internal sealed record Response(
        string Month,
        [property: JsonPropertyName("rule_set")] string RuleSet,
        [property: JsonPropertyName("rule_set_version")] string RuleSetVersion,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scenario,
        string Category,
        [property: JsonPropertyName("category_why")] string CategoryWhy,
        [property: JsonPropertyName("size_class")] string? SizeClass,
        [property: JsonPropertyName("size_class_why")] string SizeClassWhy,
        AmountsAnswer Totals,
        IReadOnlyDictionary<string, AmountsAnswer> Insurances,
        IReadOnlyList<Line> Lines);

    internal sealed record AmountsAnswer(
        [property: JsonPropertyName("employer_due")] decimal EmployerDue,
        [property: JsonPropertyName("employer_relief")] decimal EmployerRelief,
        [property: JsonPropertyName("employer_payable")] decimal EmployerPayable,
        [property: JsonPropertyName("employee_payable")] decimal EmployeePayable);

    internal sealed record Line(
        string Employee,
        string Insurance,
        string Party,
        string Kind,
        decimal? Base,
        decimal? Rate,
        decimal Due,
        decimal Relief,
        decimal Payable,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LineTrace? Trace);

    /// <summary>Keeps a scenario value exactly as written (0.50 stays "0.50"), whether a JSON number or a string.</summary>
    private sealed class NumberOrTextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => throw new JsonException("A value is a number, a month or true/false."),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
