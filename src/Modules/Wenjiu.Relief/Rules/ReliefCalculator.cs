using System.Globalization;
using Wenjiu.Platform.Rules;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Localization;
using static Wenjiu.Relief.Rules.ContributionRules;

namespace Wenjiu.Relief.Rules;

/// <summary>
/// One employer's month under a rule set: its category (from its code and size class), then for every insured employee
/// and insurance an employer line and an employee line (plus the medical flat amount), relief on the relieved employer
/// lines, and the totals as sums of the rounded lines. Pure: the same input and rule set always give the same answer.
/// Traces are written in <c>traceLanguage</c> (English when none is given: the API's and the command line's language);
/// the pages pass their culture so that an enterprise reads why in its own language.
/// </summary>
internal static class ReliefCalculator
{
    /// <exception cref="ParameterNotInForceException">A parameter has no value for the month.</exception>
    public static ReliefCalculation Calculate(ReliefRuleSet rules, EmployerMonth input, SmeSizeStandard sizeStandard, bool explain, CultureInfo? traceLanguage = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sizeStandard);
        var month = rules.For(input.Month);
        var employer = input.Employer;
        var classification = employer.GivenSizeClass is null && employer.Industry is not null && employer.SizeFacts is not null
            ? sizeStandard.Classify(employer.Industry, employer.SizeFacts)
            : null;
        var language = LineTraceText.In(traceLanguage);
        var category = rules.Categories.Decide(employer.Uscc, employer.GivenSizeClass, classification, language);
        var text = explain ? language : null;

        var lines = new List<ContributionLine>(input.Employees.Count * 11);
        foreach (var employee in input.Employees)
        {
            foreach (var insurance in ReliefNames.Insurances)
            {
                var parameters = month.Insurances[insurance];
                lines.Add(EmployerLine(employee, parameters, employer.InjuryRatePercent, category.Category, text));
                lines.Add(EmployeeLine(employee, parameters, text));
                if (insurance == Insurance.Medical)
                {
                    lines.Add(MedicalFlatLine(employee, month.MedicalEmployeeFlat, text));
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

    private static ContributionLine EmployerLine(InsuredWage employee, InsuranceParameters p, decimal injuryRatePercent, ReliefCategory category, LineTraceText? text)
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
        if (text is null)
        {
            return new ContributionLine(employee.Id, p.Insurance, Party.Employer, LineKind.Rate, contributionBase, rate, due, relief, payable, null);
        }

        var steps = new List<string>
        {
            text["Base", employee.Wage, p.BaseFloor.Number, p.BaseCeiling.Number, contributionBase],
            p.EmployerRate is null ? text["OwnInjuryRate", injuryRatePercent, rate] : text["Rate", rate],
            text["Due", contributionBase, rate, due],
        };
        var used = new List<ResolvedParameter> { p.BaseFloor, p.BaseCeiling };
        if (p.EmployerRate is not null)
        {
            used.Add(p.EmployerRate);
        }

        string formula;
        if (factor is null)
        {
            formula = text["Formula.NotRelieved"];
            steps.Add(text["NotRelieved", payable]);
        }
        else
        {
            formula = text["Formula.Relieved"];
            steps.Add(text["Payable", due, factor.Number, category.Code(), text.Category(category.Code()), payable]);
            steps.Add(text["Relief", due, payable, relief]);
            used.Add(factor);
        }

        var inputs = new Dictionary<string, object> { ["employee"] = employee.Id, ["wage"] = employee.Wage, ["relief_category"] = category.Code() };
        if (p.EmployerRate is null)
        {
            inputs["injury_rate_percent"] = injuryRatePercent;
        }

        return new ContributionLine(employee.Id, p.Insurance, Party.Employer, LineKind.Rate, contributionBase, rate, due, relief, payable, new LineTrace(formula, steps, used.Select(Use).ToList(), inputs));
    }

    private static ContributionLine EmployeeLine(InsuredWage employee, InsuranceParameters p, LineTraceText? text)
    {
        var baseFen = ContributionBaseIsTheWageClampedToFloorAndCeiling(Fen(employee.Wage, "wage"), p.FloorFen, p.CeilingFen);
        var rate = p.EmployeeRate.Number;
        var contributionBase = Yuan(baseFen);
        var due = Yuan(LineAmountIsBaseTimesRateRoundedToTheFen(baseFen, p.EmployeeRateBillionths));
        var trace = text is not null
            ? new LineTrace(
                text["Formula.Employee"],
                [
                    text["Base", employee.Wage, p.BaseFloor.Number, p.BaseCeiling.Number, contributionBase],
                    text["Due", contributionBase, rate, due],
                    text["EmployeePayable", due],
                ],
                [Use(p.BaseFloor), Use(p.BaseCeiling), Use(p.EmployeeRate)],
                new Dictionary<string, object> { ["employee"] = employee.Id, ["wage"] = employee.Wage })
            : null;
        return new ContributionLine(employee.Id, p.Insurance, Party.Employee, LineKind.Rate, contributionBase, rate, due, 0, due, trace);
    }

    private static ContributionLine MedicalFlatLine(InsuredWage employee, ResolvedParameter flat, LineTraceText? text)
    {
        var due = Yuan(Fen(flat.Number, flat.Parameter.Name));
        var trace = text is not null
            ? new LineTrace(
                text["Formula.MedicalFlat"],
                [text["Flat", due]],
                [Use(flat)],
                new Dictionary<string, object> { ["employee"] = employee.Id })
            : null;
        return new ContributionLine(employee.Id, Insurance.Medical, Party.Employee, LineKind.Flat, null, null, due, 0, due, trace);
    }

    private static ParameterUse Use(ResolvedParameter p) => new(
        p.Parameter.Name,
        p.Value.Display(p.Parameter.Unit),
        p.Parameter.Unit.Name(),
        p.Value.FromWritten,
        p.Parameter.Citation);
}
