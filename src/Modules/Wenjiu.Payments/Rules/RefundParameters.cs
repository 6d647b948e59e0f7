using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;

namespace Wenjiu.Payments.Rules;

/// <summary>
/// The refund's parameters for one contribution year (Rules/parameters/refunds.yaml), looked up once: each is read at
/// the year's December, so a year the file does not cover fails naming the first parameter not in force.
/// </summary>
internal sealed record RefundParameters(
    int Year, YearMonth FirstMonth, YearMonth LastMonth, YearMonth BaselineMonth, decimal LayoffRateLimit, decimal SmallLayoffRateLimit,
    int SmallEmployerMaxInsured, decimal SmeShare, decimal OtherShare, decimal DistressedMonthlyBenefit, int DistressedMonths, string Version)
{
    public const string RuleSetName = "payments-2020";
    private const string ResourcePrefix = "Wenjiu.Payments.Rules.parameters.";

    /// <summary>Every parameter file of the module, embedded; loaded once (a broken file stops the host at start-up).</summary>
    public static ParameterSet All { get; } = ParameterFiles.LoadEmbedded(RuleSetName, typeof(RefundParameters).Assembly, ResourcePrefix);

    /// <summary>What the distressed route pays per insured person (6 × 1,651 = 9,906 yuan for 2019).</summary>
    public decimal DistressedPerInsured => DistressedMonthlyBenefit * DistressedMonths;

    /// <exception cref="ParameterNotInForceException">The files hold no refund rules for that year.</exception>
    public static RefundParameters For(int year, ParameterSet? parameters = null)
    {
        var p = parameters ?? All;
        var at = new YearMonth(year, 12);
        return new RefundParameters(
            year,
            p["refund.first_month"].At(at).MonthValue!.Value,
            p["refund.last_month"].At(at).MonthValue!.Value,
            p["refund.baseline_month"].At(at).MonthValue!.Value,
            p.Number("refund.layoff_rate_limit", at),
            p.Number("refund.small_layoff_rate_limit", at),
            (int)p.Number("refund.small_employer_max_insured", at),
            p.Number("refund.share.sme", at),
            p.Number("refund.share.large_or_other", at),
            p.Number("refund.distressed.monthly_benefit", at),
            (int)p.Number("refund.distressed.months", at),
            p.Version);
    }

    /// <summary>Whether the files hold refund rules for <paramref name="year"/>.</summary>
    public static bool Covers(int year) => All["refund.first_month"].Find(new YearMonth(year, 12).FirstDay) is not null;
}
