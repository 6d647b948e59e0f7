using System.Globalization;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;

namespace Wenjiu.Payments.Rules;

/// <summary>The why-not reasons of relief-rules.md, in the order they are tested (the first that fails is named).</summary>
internal static class RefundReasons
{
    public const string NotAnEnterprise = "not_an_enterprise";
    public const string NotInsuredAllYear = "not_insured_all_year";
    public const string Arrears = "arrears";
    public const string NoBaseline = "no_baseline";
    public const string LayoffRate = "layoff_rate";

    public static readonly string[] InOrder = [NotAnEnterprise, NotInsuredAllYear, Arrears, NoBaseline, LayoffRate];
}

/// <summary>One step of the refund's reasoning: a resource key (<c>Trace.{Key}</c>) and its arguments, invariant culture.</summary>
internal sealed record RefundStep(string Key, IReadOnlyList<string> Arguments);

/// <summary>
/// One employer's stable-job refund for a contribution year.
/// </summary>
/// <param name="Reason">The first failing reason code; null when eligible.</param>
/// <param name="Months">The months named by the reason (missing months, months in arrears); empty otherwise.</param>
/// <param name="LayoffRate">Separations / baseline headcount, unrounded; null without a baseline.</param>
/// <param name="Threshold">The layoff limit that applies (20% for at most 30 insured at the year's end, else 5.5%).</param>
/// <param name="FewerSeparations">For <c>layoff_rate</c>: the smallest number of fewer separations that would have passed.</param>
/// <param name="Share">The share of the unemployment contributions refunded by the category (0 for <c>none</c>).</param>
/// <param name="Refund">Yuan, rounded once to the fen half away from zero; 0 when not eligible.</param>
internal sealed record RefundResult(
    string Uscc, EmployerReliefCategory Category, bool Eligible, string? Reason, IReadOnlyList<YearMonth> Months, int InsuredAtBaseline,
    int InsuredAtYearEnd, int Separations, decimal? LayoffRate, decimal Threshold, int? FewerSeparations, decimal UnemploymentPaid, decimal Share,
    decimal Refund, IReadOnlyList<RefundStep> Trace)
{
    /// <summary>The layoff rate as the export writes it: 6 decimals, half away from zero.</summary>
    public decimal? LayoffRateRounded => LayoffRate is { } rate ? Math.Round(rate, 6, MidpointRounding.AwayFromZero) : null;
}

/// <summary>
/// The stable-job refund as a pure rule (relief-rules.md "Unemployment-insurance stable-job refund"): from an employer's
/// contribution history and its relief category to eligibility, the first failing reason, the layoff rate, the refund
/// and a trace. No database, no clock: the batch, the page's explanation and the YAML cases all call this.
/// </summary>
internal static class RefundRules
{
    public static RefundResult Judge(EmployerContributions history, EmployerReliefCategory category, RefundParameters p, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(p);
        var trace = explain ? new List<RefundStep>() : null;
        var baseline = history.InsuredAtBaseline;
        var yearEnd = history.InsuredAtYearEnd;
        var separations = Math.Max(0, baseline - yearEnd);
        var small = yearEnd <= p.SmallEmployerMaxInsured;
        var threshold = small ? p.SmallLayoffRateLimit : p.LayoffRateLimit;
        decimal? rate = baseline > 0 ? (decimal)separations / baseline : null;

        // Every month of the year, and the unemployment contributions actually paid for them.
        var paid = 0m;
        List<YearMonth>? missing = null;
        List<YearMonth>? arrears = null;
        var next = p.FirstMonth;
        foreach (var m in history.Months)
        {
            if (m.Month < p.FirstMonth || m.Month > p.LastMonth)
            {
                continue;
            }

            for (; next < m.Month; next = next.AddMonths(1))
            {
                (missing ??= []).Add(next);
            }

            if (next == m.Month)
            {
                next = next.AddMonths(1);
            }

            paid += m.UnemploymentPaid;
            if (m.Paid < m.Due)
            {
                (arrears ??= []).Add(m.Month);
            }
        }

        for (; next <= p.LastMonth; next = next.AddMonths(1))
        {
            (missing ??= []).Add(next);
        }

        var share = category switch
        {
            EmployerReliefCategory.Sme => p.SmeShare,
            EmployerReliefCategory.LargeOrOther => p.OtherShare,
            _ => 0m,
        };
        trace?.Add(Step("Category", CategoryCode(category), Number(share)));
        trace?.Add(Step("Headcounts", p.BaselineMonth.ToString(), Number(baseline), p.LastMonth.ToString(), Number(yearEnd)));

        string? reason = null;
        IReadOnlyList<YearMonth> months = [];
        int? fewer = null;
        if (category == EmployerReliefCategory.None)
        {
            reason = RefundReasons.NotAnEnterprise;
            trace?.Add(Step("NotAnEnterprise"));
        }
        else if (missing is not null)
        {
            reason = RefundReasons.NotInsuredAllYear;
            months = missing;
            trace?.Add(Step("NotInsuredAllYear", Months(missing), Number(missing.Count)));
        }
        else if (arrears is not null)
        {
            reason = RefundReasons.Arrears;
            months = arrears;
            trace?.Add(Step("Arrears", Months(arrears)));
        }
        else if (baseline <= 0)
        {
            reason = RefundReasons.NoBaseline;
            trace?.Add(Step("NoBaseline", p.BaselineMonth.ToString()));
        }
        else
        {
            trace?.Add(Step("InsuredAllYear", p.FirstMonth.ToString(), p.LastMonth.ToString()));

            // Compared unrounded and without a division: separations / baseline ≤ threshold ⇔ separations ≤ threshold × baseline.
            if (separations > threshold * baseline)
            {
                reason = RefundReasons.LayoffRate;
                fewer = FewestFewerSeparations(baseline, yearEnd, separations, p);
                trace?.Add(Step("LayoffTooHigh", Number(separations), Number(baseline), Rate(rate!.Value), Rate(threshold), Number(fewer.Value)));
            }
            else
            {
                trace?.Add(Step("LayoffWithin", Number(separations), Number(baseline), Rate(rate!.Value), Rate(threshold)));
            }
        }

        var eligible = reason is null;
        var refund = eligible ? Math.Round(share * paid, 2, MidpointRounding.AwayFromZero) : 0m;
        if (eligible)
        {
            trace?.Add(Step("Refund", Money(paid), Number(share), Money(refund)));
        }

        return new RefundResult(history.Uscc, category, eligible, reason, months, baseline, yearEnd, separations, rate, threshold, fewer, paid, share, refund, trace ?? []);
    }

    /// <summary>
    /// The smallest k ≥ 1 such that with k fewer separations the employer passes: k fewer separations leave k more insured
    /// at the year's end, which may bring it to 30 or fewer and so under the 20% limit instead of the 5.5% one.
    /// </summary>
    internal static int FewestFewerSeparations(int baseline, int yearEnd, int separations, RefundParameters p)
    {
        var best = Math.Max(1, separations - (int)Math.Floor(p.LayoffRateLimit * baseline));
        var small = Math.Max(1, separations - (int)Math.Floor(p.SmallLayoffRateLimit * baseline));
        if (yearEnd + small <= p.SmallEmployerMaxInsured && small < best)
        {
            best = small;
        }

        return best;
    }

    /// <summary>The distressed route (applied for, reviewed): 6 × 1,651 = 9,906 yuan per insured person.</summary>
    public static decimal DistressedAmount(int insured, RefundParameters p) =>
        Math.Round(p.DistressedPerInsured * Math.Max(0, insured), 2, MidpointRounding.AwayFromZero);

    public static string CategoryCode(EmployerReliefCategory category) => category switch
    {
        EmployerReliefCategory.Sme => "sme",
        EmployerReliefCategory.LargeOrOther => "large_or_other",
        _ => "none",
    };

    private static RefundStep Step(string key, params string[] arguments) => new(key, arguments);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Rate(decimal value) => Math.Round(value * 100, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    private static string Months(IEnumerable<YearMonth> months) => string.Join(", ", months);
}
