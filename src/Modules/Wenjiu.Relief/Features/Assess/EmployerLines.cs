using System.Globalization;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// One employer's month line by line, recomputed on demand (lines are not stored): the calculator's answer for the
/// employees whose spells are active in the month, each line with its trace when asked, and the employees as the lines
/// name them (masked). <see cref="SameRulesAsRun"/> says whether the current run of the month used these very rules
/// (when not, the run's figures are the bill and the lines show what today's rules say).
/// </summary>
internal sealed record EmployerMonthLines(IReadOnlyList<LinedEmployee> Employees, ReliefCalculation Calculation, AssessmentRun? CurrentRun, bool SameRulesAsRun);

/// <summary>One spell of the month as its lines name it (<see cref="Id"/>), the person masked by the registry.</summary>
internal sealed record LinedEmployee(string Id, string MaskedName, string MaskedIdNumber, decimal Wage);

/// <summary>The one way per-person lines are computed: for the assessment's employer lines and the enterprise's statement.</summary>
internal sealed class EmployerLines(IInsuredEmploymentSource registry, ReliefRuleSet rules, SmeSizeStandard sizeStandard, AssessmentQueries queries)
{
    /// <summary>The lines of <paramref name="uscc"/> for <paramref name="month"/>, or null when the registry has no such employer.</summary>
    /// <exception cref="Wenjiu.Platform.Rules.ParameterNotInForceException">The rule set has no value for the month.</exception>
    public async Task<EmployerMonthLines?> CalculateAsync(string uscc, YearMonth month, bool explain, CancellationToken cancellationToken = default)
    {
        var employer = await registry.FindEmployerAsync(uscc, cancellationToken);
        return employer is null ? null : await CalculateAsync(employer.Facts, month, explain, cancellationToken: cancellationToken);
    }

    /// <summary>The lines of an employer already read from the registry, for <paramref name="month"/>.</summary>
    /// <exception cref="Wenjiu.Platform.Rules.ParameterNotInForceException">The rule set has no value for the month.</exception>
    /// <param name="traceLanguage">The language of the line explanations; English when not given.</param>
    public async Task<EmployerMonthLines> CalculateAsync(InsuredEmployer employer, YearMonth month, bool explain, CultureInfo? traceLanguage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employer);
        var spells = await registry.ReadEmployeesAsync(employer.Uscc, month, cancellationToken);

        // Each person once per spell; a person with two spells active in one month (rare: a wage change mid-month is a
        // new spell from the next month) gets a line per spell, as the assessment counts them.
        var spellsPerPerson = spells.CountBy(s => s.PersonId).ToDictionary();
        var employees = spells.Select(s => new LinedEmployee(
            spellsPerPerson[s.PersonId] > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{s.PersonId}/{s.StartMonth.Number}")
                : s.PersonId.ToString(CultureInfo.InvariantCulture),
            s.MaskedName,
            s.MaskedIdNumber,
            s.Wage)).ToList();

        // No size class given: the calculator classifies from the registered facts, so the answer carries the thresholds
        // behind the class (the registry's stored class is the same standard's answer for the same facts).
        var facts = new EmployerFacts(employer.Uscc, employer.InjuryRate, null, employer.Industry, new SizeFacts(employer.Employees, employer.Revenue, employer.TotalAssets));
        var input = new EmployerMonth(month, facts, employees.Select(e => new InsuredWage(e.Id, e.Wage)).ToList());
        var calculation = ReliefCalculator.Calculate(rules, input, sizeStandard, explain, traceLanguage);
        var run = await queries.CurrentRunAsync(month, cancellationToken);
        return new EmployerMonthLines(employees, calculation, run, run is not null && run.RuleSetVersion == rules.Version);
    }
}
