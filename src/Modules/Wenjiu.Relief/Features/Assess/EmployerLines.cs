using System.Globalization;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// One employer's month line by line, recomputed on demand (lines are not stored): the calculator's answer for the
/// employees whose spells are active in the month, each line with its trace when asked. <see cref="SameRulesAsRun"/>
/// says whether the current run of the month used these very rules (when not, the run's figures are the bill and the
/// lines show what today's rules say).
/// </summary>
internal sealed record EmployerMonthLines(ReliefCalculation Calculation, AssessmentRun? CurrentRun, bool SameRulesAsRun);

internal sealed class EmployerLines(IInsuredEmploymentSource registry, ReliefRuleSet rules, SmeSizeStandard sizeStandard, AssessmentQueries queries)
{
    /// <summary>The lines of <paramref name="uscc"/> for <paramref name="month"/>, or null when the registry has no such employer.</summary>
    /// <exception cref="Wenjiu.Platform.Rules.ParameterNotInForceException">The rule set has no value for the month.</exception>
    public async Task<EmployerMonthLines?> CalculateAsync(string uscc, YearMonth month, bool explain, CancellationToken cancellationToken = default)
    {
        var employer = await registry.FindEmployerAsync(uscc, cancellationToken);
        if (employer is null)
        {
            return null;
        }

        var spells = await registry.ReadEmployeesAsync(uscc, AssessmentQueries.Yyyymm(month), cancellationToken);

        // Each person once per spell; a person with two spells active in one month (rare: a wage change mid-month is a
        // new spell from the next month) gets a line per spell, as the assessment counts them.
        var spellsPerPerson = spells.CountBy(s => s.PersonId).ToDictionary();
        var employees = spells.Select(s => new InsuredWage(
            spellsPerPerson[s.PersonId] > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{s.PersonId}/{s.StartMonth}")
                : s.PersonId.ToString(CultureInfo.InvariantCulture),
            s.Wage)).ToList();

        // No size class given: the calculator classifies from the registered facts, so the answer carries the thresholds
        // behind the class (the registry's stored class is the same standard's answer for the same facts).
        var facts = new EmployerFacts(employer.Uscc, employer.InjuryRate, null, employer.Industry, new SizeFacts(employer.Employees, employer.Revenue, employer.TotalAssets));
        var calculation = ReliefCalculator.Calculate(rules, new EmployerMonth(month, facts, employees), sizeStandard, explain);
        var run = await queries.CurrentRunAsync(month, cancellationToken);
        return new EmployerMonthLines(calculation, run, run is not null && run.RuleSetVersion == rules.Version);
    }
}
