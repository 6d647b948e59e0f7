using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Rules;

/// <summary>A parameter's value for one month, with what an explanation needs to cite it.</summary>
internal sealed record ResolvedParameter(Parameter Parameter, DatedValue Value)
{
    public decimal Number => Value.Number;

    public static ResolvedParameter Resolve(ParameterSet set, string name, YearMonth month)
    {
        var parameter = set[name];
        return new ResolvedParameter(parameter, parameter.At(month));
    }
}

/// <summary>One insurance's parameters for a month. The employer rate is absent for work injury (the employer's own rate).</summary>
internal sealed record InsuranceParameters(
    Insurance Insurance,
    ResolvedParameter BaseFloor,
    ResolvedParameter BaseCeiling,
    ResolvedParameter? EmployerRate,
    ResolvedParameter EmployeeRate,
    IReadOnlyDictionary<ReliefCategory, ResolvedParameter> PayableFactors)
{
    /// <summary>Relieved insurances are those the rule set gives a payable factor for (pension, unemployment, work injury).</summary>
    public bool IsRelieved => PayableFactors.Count > 0;

    // The same values in whole fen and billionths, converted once for the exact integer formulas (ContributionRules).
    public long FloorFen { get; } = ContributionRules.Fen(BaseFloor.Number, BaseFloor.Parameter.Name);

    public long CeilingFen { get; } = ContributionRules.Fen(BaseCeiling.Number, BaseCeiling.Parameter.Name);

    /// <summary>The city's employer rate in billionths, or null where it is each employer's own (work injury).</summary>
    public long? EmployerRateBillionths { get; } = EmployerRate is null ? null : ContributionRules.Billionths(EmployerRate.Number, EmployerRate.Parameter.Name);

    public long EmployeeRateBillionths { get; } = ContributionRules.Billionths(EmployeeRate.Number, EmployeeRate.Parameter.Name);

    /// <summary>Payable factor in billionths per relief category (indexed by the category), or null when not relieved.</summary>
    public long[]? FactorBillionths { get; } = PayableFactors.Count == 0
        ? null
        : Enum.GetValues<ReliefCategory>().Select(c => ContributionRules.Billionths(PayableFactors[c].Number, PayableFactors[c].Parameter.Name)).ToArray();
}

/// <summary>
/// Every parameter of the rule set the calculation needs for one month, looked up once so the engine's inner loop over
/// employees does no lookups; a month a parameter does not cover fails here, naming the parameter and the month.
/// </summary>
internal sealed class MonthlyParameters
{
    private MonthlyParameters(YearMonth month, IReadOnlyDictionary<Insurance, InsuranceParameters> insurances, ResolvedParameter medicalEmployeeFlat)
    {
        Month = month;
        Insurances = insurances;
        MedicalEmployeeFlat = medicalEmployeeFlat;
    }

    public YearMonth Month { get; }

    public IReadOnlyDictionary<Insurance, InsuranceParameters> Insurances { get; }

    public ResolvedParameter MedicalEmployeeFlat { get; }

    public long MedicalEmployeeFlatFen => ContributionRules.Fen(MedicalEmployeeFlat.Number, MedicalEmployeeFlat.Parameter.Name);

    /// <exception cref="ParameterNotInForceException">A parameter has no value for the month.</exception>
    public static MonthlyParameters Resolve(ParameterSet set, YearMonth month)
    {
        var insurances = new Dictionary<Insurance, InsuranceParameters>();
        foreach (var insurance in ReliefNames.Insurances)
        {
            // By law the work-injury employer rate is each employer's own (industry risk class × band), not a city rate.
            var employerRate = insurance == Insurance.WorkInjury ? null : ResolvedParameter.Resolve(set, ReliefRuleSet.ParameterName(insurance, "employer_rate"), month);
            var factors = new Dictionary<ReliefCategory, ResolvedParameter>();
            foreach (var category in Enum.GetValues<ReliefCategory>())
            {
                var name = ReliefRuleSet.PayableFactorName(category, insurance);
                if (set.Defines(name))
                {
                    factors[category] = ResolvedParameter.Resolve(set, name, month);
                }
            }

            if (factors.Count is not 0 && factors.Count != Enum.GetValues<ReliefCategory>().Length)
            {
                throw new InvalidOperationException($"Rule set {set.Name}: {insurance.Code()} has a payable factor for some relief categories but not all.");
            }

            insurances[insurance] = new InsuranceParameters(
                insurance,
                ResolvedParameter.Resolve(set, ReliefRuleSet.ParameterName(insurance, "base_floor"), month),
                ResolvedParameter.Resolve(set, ReliefRuleSet.ParameterName(insurance, "base_ceiling"), month),
                employerRate,
                ResolvedParameter.Resolve(set, ReliefRuleSet.ParameterName(insurance, "employee_rate"), month),
                factors);
        }

        return new MonthlyParameters(month, insurances, ResolvedParameter.Resolve(set, "medical.employee_flat_amount", month));
    }
}
