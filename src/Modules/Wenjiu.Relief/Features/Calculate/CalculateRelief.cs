using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;
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

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = true,

        // Chinese text and ≥ stay readable; the answer is application/json, never inlined into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses, checks and computes; <see cref="Outcome.Errors"/> names each bad field.</summary>
    public static async Task<Outcome> RunAsync(Stream json, bool explain, ReliefRuleSet rules, SmeSizeStandard sizeStandard, CancellationToken cancellationToken)
    {
        Request? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<Request>(json, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            return Outcome.Invalid(FieldOf(e.Path), e.Path is null or "$" ? "is not a JSON object of the expected shape (unknown or misspelt property?)" : "has the wrong type or is malformed");
        }

        return request is null ? Outcome.Invalid("body", "a JSON object is required") : Run(request, explain, rules, sizeStandard);
    }

    public static Outcome Run(Request request, bool explain, ReliefRuleSet rules, SmeSizeStandard sizeStandard)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = Check(request, rules, sizeStandard, errors, out var scenarioRules);
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
            return Outcome.Invalid("month", $"the rule set {rules.Name} has no value for {e.Month}: {e.Message}");
        }
        catch (ArgumentException e) when (request.Scenario is not null)
        {
            // A scenario's base in parts of a fen or a rate beyond nine decimals cannot be computed exactly.
            return Outcome.Invalid("scenario.parameters", e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static EmployerMonth? Check(Request request, ReliefRuleSet rules, SmeSizeStandard sizeStandard, Dictionary<string, string[]> errors, out ReliefRuleSet scenarioRules)
    {
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        scenarioRules = rules;

        YearMonth month = default;
        if (string.IsNullOrWhiteSpace(request.Month))
        {
            Add("month", "the contribution month is required, written YYYY-MM");
        }
        else if (!YearMonth.TryParse(request.Month, CultureInfo.InvariantCulture, out month))
        {
            Add("month", $"'{request.Month}' is not a month written YYYY-MM");
        }

        var employer = CheckEmployer(request.Employer, rules, sizeStandard, Add);
        var employees = CheckEmployees(request.Employees, Add);
        if (request.Scenario is not null)
        {
            scenarioRules = CheckScenario(request.Scenario, rules, Add) ?? rules;
        }

        return errors.Count == 0 ? new EmployerMonth(month, employer!, employees!) : null;
    }

    private static EmployerFacts? CheckEmployer(EmployerRequest? e, ReliefRuleSet rules, SmeSizeStandard sizeStandard, Action<string, string> add)
    {
        if (e is null)
        {
            add("employer", "the employer is required");
            return null;
        }

        var uscc = UnifiedSocialCreditCode.Validate(e.Uscc);
        if (!uscc.IsValid)
        {
            add("employer.uscc", uscc.Describe());
        }

        if (e.Industry is not null && !Industries.IsKnown(e.Industry))
        {
            add("employer.industry", $"'{e.Industry}' is not an industry of the SME size standard ({string.Join(", ", Industries.All.Select(i => i.Code))})");
        }

        SizeClass? given = null;
        if (e.SizeClass is not null)
        {
            given = Enum.GetValues<SizeClass>().Select(c => (SizeClass?)c).FirstOrDefault(c => SizeClassification.ClassNameEn(c!.Value) == e.SizeClass);
            if (given is null)
            {
                add("employer.size_class", $"'{e.SizeClass}' is not a size class (large, medium, small, micro)");
            }
        }

        if (e.Employees < 0)
        {
            add("employer.employees", "a number of persons is not negative");
        }

        if (e.Revenue < 0)
        {
            add("employer.revenue", "revenue (10k yuan) is not negative");
        }

        if (e.TotalAssets < 0)
        {
            add("employer.total_assets", "total assets (10k yuan) are not negative");
        }

        if (e.InjuryRate is null)
        {
            add("employer.injury_rate", "the employer's work-injury rate, in percent (0.4 = 0.4%), is required");
        }
        else if (e.InjuryRate is < 0 or > 100)
        {
            add("employer.injury_rate", "the work-injury rate is a percentage between 0 and 100 (0.4 = 0.4%)");
        }
        else if (decimal.Round(e.InjuryRate.Value, 7) != e.InjuryRate.Value)
        {
            // The formulas compute in exact billionths of the base (ContributionRules); no published rate needs more.
            add("employer.injury_rate", "the work-injury rate has at most 7 decimals (in percent)");
        }

        // The size facts are needed only where the category depends on the size class and no class is given; then
        // exactly the measures the industry's thresholds use.
        if (uscc.IsValid && e.SizeClass is null && rules.Categories.NeedsSizeClass(UnifiedSocialCreditCode.EntityTypeOf(e.Uscc!)))
        {
            if (e.Industry is null)
            {
                add("employer.industry", "the industry is required to classify the employer's size (or give employer.size_class)");
            }
            else if (Industries.IsKnown(e.Industry))
            {
                foreach (var measure in Measures(sizeStandard, e.Industry).Where(m => Fact(e, m) is null))
                {
                    add($"employer.{MeasureField(measure)}", $"is required to classify a {e.Industry} employer's size (or give employer.size_class)");
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

    private static List<InsuredWage>? CheckEmployees(List<EmployeeRequest>? employees, Action<string, string> add)
    {
        if (employees is null)
        {
            add("employees", "the list of insured employees and their wages is required (it may be empty)");
            return null;
        }

        if (employees.Count > MaxEmployees)
        {
            add("employees", $"at most {MaxEmployees:N0} employees per calculation");
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
                add(field, "an employee is an object with an id and a wage");
                continue;
            }

            if (string.IsNullOrWhiteSpace(employee.Id))
            {
                add($"{field}.id", "an id is required");
            }
            else if (!seen.Add(employee.Id))
            {
                add($"{field}.id", $"'{employee.Id}' appears twice");
            }

            if (employee.Wage is not { } wage)
            {
                add($"{field}.wage", "the declared monthly wage (yuan) is required");
            }
            else if (wage < 0)
            {
                add($"{field}.wage", "a wage is not negative");
            }
            else if (decimal.Round(wage, 2) != wage)
            {
                add($"{field}.wage", "a wage has at most two decimals (fen)");
            }
            else
            {
                result.Add(new InsuredWage(employee.Id ?? "", wage));
            }
        }

        return result;
    }

    private static ReliefRuleSet? CheckScenario(ScenarioRequest scenario, ReliefRuleSet rules, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(scenario.Name))
        {
            add("scenario.name", "a scenario needs a name");
        }

        if (scenario.Parameters is null || scenario.Parameters.Count == 0)
        {
            add("scenario.parameters", "a scenario overrides at least one parameter: name → [ { from, to, value } ]");
            return null;
        }

        var overrides = new Dictionary<string, IReadOnlyList<DatedValue>>(StringComparer.Ordinal);
        foreach (var (name, values) in scenario.Parameters)
        {
            var field = $"scenario.parameters.{name}";
            if (!rules.Parameters.Defines(name))
            {
                add(field, $"the rule set {rules.Name} has no parameter '{name}'");
                continue;
            }

            try
            {
                var written = values?.Select(v => new WrittenValue(v.From, v.To, v.Value)).ToList();
                overrides[name] = ParameterFiles.Values("scenario", name, rules.Parameters[name].Unit, written);
            }
            catch (ParameterFileException e)
            {
                add(field, e.Problem ?? e.Message);
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
