using Wenjiu.Relief.Billing;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Rules;
using static Wenjiu.Relief.Rules.ContributionRules;

namespace Wenjiu.Relief.Billing;

/// <summary>
/// One month's rules laid out for billing a whole city: every parameter resolved once into whole fen and billionths,
/// then each employer's bill is the sum of its lines computed by the very formulas of <see cref="ReliefCalculator"/>
/// (<see cref="ContributionRules"/>), without building the lines. The result is exact to the fen, so the bill of an
/// employer equals the calculator's totals for the same employees, line for line.
/// </summary>
internal sealed class MonthlyBilling
{
    /// <summary>Per insurance: employer due, employer relief, employer payable, employee payable.</summary>
    public const int FiguresPerInsurance = 4;

    /// <summary>The width of one employer's bill: five insurances × four figures, in insurance order.</summary>
    public const int Width = 5 * FiguresPerInsurance;

    public const int EmployerDue = 0;
    public const int EmployerRelief = 1;
    public const int EmployerPayable = 2;
    public const int EmployeePayable = 3;

    private const int Insurances = 5;
    private static readonly int WorkInjury = (int)Insurance.WorkInjury;
    private static readonly int MedicalEmployeePayable = ((int)Insurance.Medical * FiguresPerInsurance) + EmployeePayable;

    private readonly long[] floor = new long[Insurances];
    private readonly long[] ceiling = new long[Insurances];
    private readonly long[] employerRate = new long[Insurances];
    private readonly long[] employeeRate = new long[Insurances];

    /// <summary>Per relief category, per insurance: the payable factor in billionths, or −1 where the line is not relieved.</summary>
    private readonly long[][] factors;
    private readonly long medicalFlat;

    /// <exception cref="Wenjiu.Platform.Rules.ParameterNotInForceException">A parameter has no value for the month.</exception>
    public MonthlyBilling(ReliefRuleSet rules, YearMonth month)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        Month = month;
        var parameters = rules.For(month);
        var categories = Enum.GetValues<ReliefCategory>();
        factors = new long[categories.Length][];
        foreach (var category in categories)
        {
            factors[(int)category] = new long[Insurances];
        }

        foreach (var insurance in ReliefNames.Insurances)
        {
            var i = (int)insurance;
            var p = parameters.Insurances[insurance];
            floor[i] = p.FloorFen;
            ceiling[i] = p.CeilingFen;
            employerRate[i] = p.EmployerRateBillionths ?? -1;
            employeeRate[i] = p.EmployeeRateBillionths;
            foreach (var category in categories)
            {
                factors[(int)category][i] = p.FactorBillionths?[(int)category] ?? -1;
            }
        }

        medicalFlat = parameters.MedicalEmployeeFlatFen;
    }

    public ReliefRuleSet Rules { get; }

    public YearMonth Month { get; }

    /// <summary>The relief category from the code's entity type and the registry's size class (the rule set's category table).</summary>
    public ReliefCategory CategoryOf(string uscc, SizeClass sizeClass) =>
        Rules.Categories.CategoryOf(UnifiedSocialCreditCode.EntityTypeOf(uscc), sizeClass);

    /// <summary>
    /// The class reports group by: the size class where the category depends on it (enterprises, cooperatives, other
    /// market entities), <c>individual_business</c> for 92… codes, <c>other</c> for everything else.
    /// </summary>
    public string ReportClassOf(string uscc, SizeClass sizeClass, out string? sizeClassCode)
    {
        var type = UnifiedSocialCreditCode.EntityTypeOf(uscc);
        sizeClassCode = Rules.Categories.NeedsSizeClass(type) ? SizeClassification.ClassNameEn(sizeClass) : null;
        return ReportClasses.Of(type, sizeClass, Rules.Categories);
    }

    /// <summary>
    /// Adds one employer's month to <paramref name="bill"/> (<see cref="Width"/> figures in fen): for every wage and
    /// insurance the employer line (due, relief, payable) and the employee line, plus the medical flat amount.
    /// </summary>
    public void Bill(ReliefCategory category, long injuryRateBillionths, ReadOnlySpan<long> wagesFen, Span<long> bill)
    {
        if (bill.Length < Width)
        {
            throw new ArgumentException($"A bill has {Width} figures.", nameof(bill));
        }

        var factor = factors[(int)category];

        // Insurance by insurance over the wages, with the four sums in locals: the loop stays in registers, and every
        // line is still computed by the calculator's own functions.
        for (var i = 0; i < Insurances; i++)
        {
            var lowest = floor[i];
            var highest = ceiling[i];
            var rate = i == WorkInjury ? injuryRateBillionths : employerRate[i];
            var ownRate = employeeRate[i];
            var relieved = factor[i];
            long due = 0, relief = 0, payable = 0, employee = 0;
            foreach (var wage in wagesFen)
            {
                var contributionBase = ContributionBaseIsTheWageClampedToFloorAndCeiling(wage, lowest, highest);
                var lineDue = LineAmountIsBaseTimesRateRoundedToTheFen(contributionBase, rate);
                var linePayable = relieved < 0 ? lineDue : RelievedLinePaysTheFullAmountTimesThePayableFactor(lineDue, relieved);
                due += lineDue;
                relief += ReliefIsTheFullAmountLessThePayable(lineDue, linePayable);
                payable += linePayable;
                employee += LineAmountIsBaseTimesRateRoundedToTheFen(contributionBase, ownRate);
            }

            var at = i * FiguresPerInsurance;
            bill[at + EmployerDue] += due;
            bill[at + EmployerRelief] += relief;
            bill[at + EmployerPayable] += payable;
            bill[at + EmployeePayable] += employee;
        }

        bill[MedicalEmployeePayable] += medicalFlat * wagesFen.Length;
    }

    /// <summary>
    /// Adds one wage's lines to <paramref name="bill"/>: the same formulas as <see cref="Bill"/>, without its loop over
    /// wages, for the assessment's stream where one spell at a time meets its employer's bill.
    /// </summary>
    public void BillWage(ReliefCategory category, long injuryRateBillionths, long wageFen, Span<long> bill)
    {
        if (bill.Length < Width)
        {
            throw new ArgumentException($"A bill has {Width} figures.", nameof(bill));
        }

        var factor = factors[(int)category];
        for (var i = 0; i < Insurances; i++)
        {
            var contributionBase = ContributionBaseIsTheWageClampedToFloorAndCeiling(wageFen, floor[i], ceiling[i]);
            var due = LineAmountIsBaseTimesRateRoundedToTheFen(contributionBase, i == WorkInjury ? injuryRateBillionths : employerRate[i]);
            var payable = factor[i] < 0 ? due : RelievedLinePaysTheFullAmountTimesThePayableFactor(due, factor[i]);
            var at = i * FiguresPerInsurance;
            bill[at + EmployerDue] += due;
            bill[at + EmployerRelief] += ReliefIsTheFullAmountLessThePayable(due, payable);
            bill[at + EmployerPayable] += payable;
            bill[at + EmployeePayable] += LineAmountIsBaseTimesRateRoundedToTheFen(contributionBase, employeeRate[i]);
        }

        bill[MedicalEmployeePayable] += medicalFlat;
    }

    /// <summary>
    /// Whether a wage gets the same bill under <paramref name="other"/> as under this, for every category and rate: the
    /// same floors, ceilings, rates, payable factors and flat amount (a scenario bills such months once per spell).
    /// </summary>
    public bool BillsAlike(MonthlyBilling other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return floor.AsSpan().SequenceEqual(other.floor) && ceiling.AsSpan().SequenceEqual(other.ceiling)
            && employerRate.AsSpan().SequenceEqual(other.employerRate) && employeeRate.AsSpan().SequenceEqual(other.employeeRate)
            && medicalFlat == other.medicalFlat && factors.Length == other.factors.Length
            && factors.Select((f, c) => f.AsSpan().SequenceEqual(other.factors[c])).All(same => same);
    }

    /// <summary>The employer's own work-injury rate (percent, as the registry keeps it) in billionths of the base.</summary>
    public static long InjuryRateBillionths(decimal percent, string uscc) => Billionths(RateFromPercent(percent), $"injury rate of {uscc}");
}
