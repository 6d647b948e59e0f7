using Wenjiu.Ledger.Contracts;
using Wenjiu.Platform.Rules;
using Wenjiu.Recruitment.Contracts;

namespace Wenjiu.Ledger.Rules;

/// <summary>
/// The ledger's rules as sentences over its dated parameters (Rules/parameters/ledger.yaml, cases in Rules/tests/urgency.yaml):
/// urgency = headcount × days-until-production-is-hit factor × sector priority; the target times.
/// </summary>
internal static class LedgerRules
{
    public const string RuleSetName = "ledger-2020";
    private const string ResourcePrefix = "Wenjiu.Ledger.Rules.parameters.";

    /// <summary>Every parameter file of the module, embedded; loaded once (a broken file stops the host at start-up).</summary>
    public static ParameterSet All { get; } = ParameterFiles.LoadEmbedded(RuleSetName, typeof(LedgerRules).Assembly, ResourcePrefix);

    /// <summary>
    /// The urgency of a line still to be filled on <paramref name="today"/>: the headcount still missing × the factor of the
    /// days until its start date (production is hit then) × its category's priority, to two decimals.
    /// </summary>
    public static decimal Urgency(int headcount, DateOnly startOn, KeyEnterpriseCategory category, DateOnly today, ParameterSet? parameters = null)
    {
        var p = parameters ?? All;
        var days = startOn.DayNumber - today.DayNumber;
        var band = days <= 7 ? "within_7_days" : days <= 14 ? "within_14_days" : days <= 30 ? "within_30_days" : "later";
        var factor = Value(p, $"urgency.days_factor.{band}", today);
        var priority = Value(p, $"urgency.priority.{CategoryCode(category)}", today);
        return decimal.Round(Math.Max(0, headcount) * factor * priority, 2, MidpointRounding.AwayFromZero);
    }

    public static TimeSpan FirstContactTarget(DateOnly day, ParameterSet? parameters = null) => TimeSpan.FromHours((double)Value(parameters ?? All, "target.first_contact", day));

    /// <summary>How long a candidate may wait at <paramref name="stage"/>; null for a stage with no target (hired, the exits).</summary>
    public static TimeSpan? StageTarget(FunnelStage stage, DateOnly day, ParameterSet? parameters = null) => stage switch
    {
        FunnelStage.Recommended or FunnelStage.Applied or FunnelStage.Interviewed =>
            TimeSpan.FromDays((double)Value(parameters ?? All, $"target.stage.{StageCode(stage)}", day)),
        _ => null,
    };

    public static TimeSpan ConfirmationInterval(DateOnly day, ParameterSet? parameters = null) => TimeSpan.FromDays((double)Value(parameters ?? All, "confirmation.interval", day));

    public static TimeSpan ConfirmationWindow(DateOnly day, ParameterSet? parameters = null) => TimeSpan.FromDays((double)Value(parameters ?? All, "confirmation.window", day));

    public static string CategoryCode(KeyEnterpriseCategory category) => category switch
    {
        KeyEnterpriseCategory.EpidemicPrevention => "epidemic_prevention",
        KeyEnterpriseCategory.PublicUtilities => "public_utilities",
        KeyEnterpriseCategory.DailyNecessities => "daily_necessities",
        KeyEnterpriseCategory.MajorProjects => "major_projects",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static KeyEnterpriseCategory? ParseCategory(string? code) =>
        Enum.GetValues<KeyEnterpriseCategory>().Select(c => (KeyEnterpriseCategory?)c).FirstOrDefault(c => CategoryCode(c!.Value) == code);

    public static string StageCode(FunnelStage stage) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(stage.ToString());

    private static decimal Value(ParameterSet p, string name, DateOnly day) =>
        (p[name].Find(day) ?? throw new InvalidOperationException($"{name} has no value in force on {day:yyyy-MM-dd}.")).Number;
}
