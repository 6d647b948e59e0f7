namespace Wenjiu.Relief.Rules;

/// <summary>
/// The formulas of relief-rules.md, as small pure functions of amounts and parameter values. Every amount is a
/// <see cref="decimal"/> in yuan; every rounding is to the fen, half away from zero, line by line (totals are sums of
/// rounded lines, as the social-insurance agency bills them).
/// </summary>
internal static class ContributionRules
{
    /// <summary>Round to the fen (0.01 yuan), half away from zero: 0.125 → 0.13, −0.125 → −0.13.</summary>
    public static decimal RoundToTheFen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The contribution base is the declared monthly wage clamped to the insurance's floor and ceiling
    /// (relief-rules.md "Base"; floor and ceiling from the dated parameters).
    /// </summary>
    public static decimal ContributionBaseIsTheWageClampedToFloorAndCeiling(decimal wage, decimal floor, decimal ceiling) =>
        Math.Min(Math.Max(wage, floor), ceiling);

    /// <summary>A line's full amount is the base times the rate, rounded to the fen (relief-rules.md "Amount").</summary>
    public static decimal LineAmountIsBaseTimesRateRoundedToTheFen(decimal contributionBase, decimal rate) =>
        RoundToTheFen(contributionBase * rate);

    /// <summary>
    /// A relieved employer line pays its rounded full amount times the category's payable factor, rounded to the fen
    /// (so a halved 0.05 pays 0.03): 人社部发〔2020〕11号 / 49号 clause 1, relief-rules.md "Who gets which relief".
    /// </summary>
    public static decimal RelievedLinePaysTheFullAmountTimesThePayableFactor(decimal fullAmount, decimal payableFactor) =>
        RoundToTheFen(fullAmount * payableFactor);

    /// <summary>The relief of a line is what it would have cost in full less what is payable.</summary>
    public static decimal ReliefIsTheFullAmountLessThePayable(decimal fullAmount, decimal payable) => fullAmount - payable;

    /// <summary>The work-injury employer rate is the employer's own, given in percent (0.4 = 0.4%).</summary>
    public static decimal RateFromPercent(decimal percent) => percent / 100m;
}
