using System.Runtime.CompilerServices;

namespace Wenjiu.Relief.Rules;

/// <summary>
/// The formulas of relief-rules.md, as small pure functions, shared by the one-employer calculator and the monthly
/// assessment (one implementation). Amounts are whole fen in a <see cref="long"/> and rates and factors whole
/// billionths (<see cref="RateScale"/>), so every product is exact and the only rounding is the rule's own: to the fen,
/// half away from zero, line by line (totals are sums of rounded lines, as the social-insurance agency bills them).
/// The conversions from the rule files' and the requests' decimals refuse a value that would not be exact.
/// </summary>
internal static class ContributionRules
{
    /// <summary>Rates and factors are held in billionths: 16% = 160,000,000; a work-injury rate of 0.125% = 1,250,000.</summary>
    public const long RateScale = 1_000_000_000;

    private const long HalfRate = RateScale / 2;

    /// <summary>Round to the fen (0.01 yuan), half away from zero: 0.125 → 0.13, −0.125 → −0.13.</summary>
    public static decimal RoundToTheFen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>A product of fen and billionths, rounded to the fen half away from zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RoundBillionthsToTheFen(long fenBillionths) =>
        // Unsigned division by the constant compiles to a multiply and a shift; the sign is taken off and put back.
        fenBillionths >= 0
            ? (long)(((ulong)fenBillionths + HalfRate) / RateScale)
            : -(long)(((ulong)(-fenBillionths) + HalfRate) / RateScale);

    /// <summary>
    /// The contribution base is the declared monthly wage clamped to the insurance's floor and ceiling
    /// (relief-rules.md "Base"; floor and ceiling from the dated parameters).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ContributionBaseIsTheWageClampedToFloorAndCeiling(long wageFen, long floorFen, long ceilingFen) =>
        Math.Min(Math.Max(wageFen, floorFen), ceilingFen);

    /// <summary>A line's full amount is the base times the rate, rounded to the fen (relief-rules.md "Amount").</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LineAmountIsBaseTimesRateRoundedToTheFen(long baseFen, long rateBillionths) =>
        RoundBillionthsToTheFen(checked(baseFen * rateBillionths));

    /// <summary>
    /// A relieved employer line pays its rounded full amount times the category's payable factor, rounded to the fen
    /// (so a halved 0.05 pays 0.03): 人社部发〔2020〕11号 / 49号 clause 1, relief-rules.md "Who gets which relief".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RelievedLinePaysTheFullAmountTimesThePayableFactor(long fullAmountFen, long factorBillionths) =>
        RoundBillionthsToTheFen(checked(fullAmountFen * factorBillionths));

    /// <summary>The relief of a line is what it would have cost in full less what is payable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReliefIsTheFullAmountLessThePayable(long fullAmountFen, long payableFen) => fullAmountFen - payableFen;

    /// <summary>The work-injury employer rate is the employer's own, given in percent (0.4 = 0.4%).</summary>
    public static decimal RateFromPercent(decimal percent) => percent / 100m;

    /// <summary>Yuan to whole fen; a value with a part of a fen cannot be billed and is refused.</summary>
    /// <exception cref="ArgumentException">The amount has more than two decimals or is out of range.</exception>
    public static long Fen(decimal yuan, string what)
    {
        var fen = yuan * 100m;
        return fen == decimal.Truncate(fen) && fen is >= long.MinValue and <= long.MaxValue
            ? (long)fen
            : throw new ArgumentException($"{what}: {yuan} is not a whole number of fen.", nameof(yuan));
    }

    /// <summary>A rate or factor (a proportion, 0.16 = 16%) to billionths; more than nine decimals is refused, not rounded.</summary>
    /// <exception cref="ArgumentException">The rate has more than nine decimals or is out of range.</exception>
    public static long Billionths(decimal rate, string what)
    {
        var scaled = rate * RateScale;
        return scaled == decimal.Truncate(scaled) && scaled is >= -RateScale * 1000 and <= RateScale * 1000
            ? (long)scaled
            : throw new ArgumentException($"{what}: {rate} has more than nine decimals or is out of range.", nameof(rate));
    }

    /// <summary>Whole fen back to yuan with two decimals (3613 yuan is written 3613.00).</summary>
    public static decimal Yuan(long fen) => Wenjiu.Platform.Money.Fen.ToYuan(fen);
}
