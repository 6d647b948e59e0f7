using System.Globalization;
using Wenjiu.Platform.Rules;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;
using static Wenjiu.Relief.Rules.ContributionRules;

namespace Wenjiu.Relief.Rules;

/// <summary>
/// One employer's month under a rule set: its category (from its code and size class), then for every insured employee
/// and insurance an employer line and an employee line (plus the medical flat amount), relief on the relieved employer
/// lines, and the totals as sums of the rounded lines. Pure: the same input and rule set always give the same answer.
/// </summary>
internal static class ReliefCalculator
{
    /// <exception cref="ParameterNotInForceException">A parameter has no value for the month.</exception>
    public static ReliefCalculation Calculate(ReliefRuleSet rules, EmployerMonth input, SmeSizeStandard sizeStandard, bool explain)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sizeStandard);
        var month = rules.For(input.Month);
        var employer = input.Employer;
        var classification = employer.GivenSizeClass is null && employer.Industry is not null && employer.SizeFacts is not null
            ? sizeStandard.Classify(employer.Industry, employer.SizeFacts)
            : null;
        var category = rules.Categories.Decide(employer.Uscc, employer.GivenSizeClass, classification);

        var lines = new List<ContributionLine>(input.Employees.Count * 11);
        foreach (var employee in input.Employees)
        {
            foreach (var insurance in ReliefNames.Insurances)
            {
                var parameters = month.Insurances[insurance];
                lines.Add(EmployerLine(employee, parameters, employer.InjuryRatePercent, category.Category, explain));
                lines.Add(EmployeeLine(employee, parameters, explain));
                if (insurance == Insurance.Medical)
                {
                    lines.Add(MedicalFlatLine(employee, month.MedicalEmployeeFlat, explain));
                }
            }
        }

        var perInsurance = ReliefNames.Insurances.ToDictionary(i => i, _ => Amounts.Zero);
        var totals = Amounts.Zero;
        foreach (var line in lines)
        {
            perInsurance[line.Insurance] = perInsurance[line.Insurance].Add(line);
            totals = totals.Add(line);
        }

        return new ReliefCalculation(input.Month, rules.Name, rules.Version, category, totals, perInsurance, lines);
    }

    private static ContributionLine EmployerLine(InsuredWage employee, InsuranceParameters p, decimal injuryRatePercent, ReliefCategory category, bool explain)
    {
        // The exact integer formulas the monthly assessment uses too (ContributionRules), then back to yuan for the answer.
        var baseFen = ContributionBaseIsTheWageClampedToFloorAndCeiling(Fen(employee.Wage, "wage"), p.FloorFen, p.CeilingFen);
        var rate = p.EmployerRate?.Number ?? RateFromPercent(injuryRatePercent);
        var dueFen = LineAmountIsBaseTimesRateRoundedToTheFen(baseFen, p.EmployerRateBillionths ?? Billionths(rate, "injury_rate"));
        var factor = p.IsRelieved ? p.PayableFactors[category] : null;
        var payableFen = p.FactorBillionths is null ? dueFen : RelievedLinePaysTheFullAmountTimesThePayableFactor(dueFen, p.FactorBillionths[(int)category]);
        var contributionBase = Yuan(baseFen);
        var due = Yuan(dueFen);
        var payable = Yuan(payableFen);
        var relief = Yuan(ReliefIsTheFullAmountLessThePayable(dueFen, payableFen));
        if (!explain)
        {
            return new ContributionLine(employee.Id, p.Insurance, Party.Employer, LineKind.Rate, contributionBase, rate, due, relief, payable, null);
        }

        var steps = new List<string>
        {
            Step($"base = min(max(wage {employee.Wage}, floor {p.BaseFloor.Number}), ceiling {p.BaseCeiling.Number}) = {contributionBase}"),
            p.EmployerRate is null
                ? Step($"rate = the employer's own work-injury rate {injuryRatePercent}% = {rate}")
                : Step($"rate = {rate}"),
            Step($"due = round({contributionBase} × {rate}, fen) = {due}"),
        };
        var used = new List<ResolvedParameter> { p.BaseFloor, p.BaseCeiling };
        if (p.EmployerRate is not null)
        {
            used.Add(p.EmployerRate);
        }

        string formula;
        if (factor is null)
        {
            formula = "base = wage clamped to [floor, ceiling]; due = base × rate rounded to the fen (half away from zero); not relieved: payable = due, relief = 0";
            steps.Add(Step($"payable = due = {payable}; relief = 0"));
        }
        else
        {
            formula = "base = wage clamped to [floor, ceiling]; due = base × rate rounded to the fen (half away from zero); payable = due × payable factor of the relief category, rounded to the fen; relief = due − payable";
            steps.Add(Step($"payable = round({due} × factor {factor.Number} ({category.Code()}), fen) = {payable}"));
            steps.Add(Step($"relief = {due} − {payable} = {relief}"));
            used.Add(factor);
        }

        var inputs = new Dictionary<string, object> { ["employee"] = employee.Id, ["wage"] = employee.Wage, ["relief_category"] = category.Code() };
        if (p.EmployerRate is null)
        {
            inputs["injury_rate_percent"] = injuryRatePercent;
        }

        return new ContributionLine(employee.Id, p.Insurance, Party.Employer, LineKind.Rate, contributionBase, rate, due, relief, payable, new LineTrace(formula, steps, used.Select(Use).ToList(), inputs));
    }

    private static ContributionLine EmployeeLine(InsuredWage employee, InsuranceParameters p, bool explain)
    {
        var baseFen = ContributionBaseIsTheWageClampedToFloorAndCeiling(Fen(employee.Wage, "wage"), p.FloorFen, p.CeilingFen);
        var rate = p.EmployeeRate.Number;
        var contributionBase = Yuan(baseFen);
        var due = Yuan(LineAmountIsBaseTimesRateRoundedToTheFen(baseFen, p.EmployeeRateBillionths));
        var trace = explain
            ? new LineTrace(
                "base = wage clamped to [floor, ceiling]; due = base × rate rounded to the fen (half away from zero); employee parts are never relieved: payable = due",
                [
                    Step($"base = min(max(wage {employee.Wage}, floor {p.BaseFloor.Number}), ceiling {p.BaseCeiling.Number}) = {contributionBase}"),
                    Step($"due = round({contributionBase} × {rate}, fen) = {due}"),
                    Step($"payable = due = {due}"),
                ],
                [Use(p.BaseFloor), Use(p.BaseCeiling), Use(p.EmployeeRate)],
                new Dictionary<string, object> { ["employee"] = employee.Id, ["wage"] = employee.Wage })
            : null;
        return new ContributionLine(employee.Id, p.Insurance, Party.Employee, LineKind.Rate, contributionBase, rate, due, 0, due, trace);
    }

    private static ContributionLine MedicalFlatLine(InsuredWage employee, ResolvedParameter flat, bool explain)
    {
        var due = Yuan(Fen(flat.Number, flat.Parameter.Name));
        var trace = explain
            ? new LineTrace(
                "the employee's medical flat amount per month, a line of its own, not relieved",
                [Step($"due = payable = {due}")],
                [Use(flat)],
                new Dictionary<string, object> { ["employee"] = employee.Id })
            : null;
        return new ContributionLine(employee.Id, Insurance.Medical, Party.Employee, LineKind.Flat, null, null, due, 0, due, trace);
    }

    private static string Step(FormattableString step) => step.ToString(CultureInfo.InvariantCulture);

    private static ParameterUse Use(ResolvedParameter p) => new(
        p.Parameter.Name,
        p.Value.Display(p.Parameter.Unit),
        p.Parameter.Unit.Name(),
        p.Value.FromWritten,
        p.Parameter.Source.Document,
        p.Parameter.Source.Url,
        $"{p.Parameter.Confidence.Level.ToString().ToUpperInvariant()}: {p.Parameter.Confidence.Note}");
}
