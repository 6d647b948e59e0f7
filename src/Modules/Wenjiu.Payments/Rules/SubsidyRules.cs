using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Payments.Rules;

/// <summary>A tier of the agency subsidy: from <paramref name="Persons"/> confirmed persons, <paramref name="Amount"/> yuan once.</summary>
internal sealed record SubsidyTier(int Number, int Persons, decimal Amount);

/// <summary>Why a placement is not (yet) confirmed; the codes the agency sees explained (<c>Placement.Reason.{code}</c>).</summary>
internal static class PlacementReasons
{
    public const string OutsideWindow = "outside_window";
    public const string EmployerNotRegistered = "employer_not_registered";
    public const string NotKeyEnterprise = "not_key_enterprise";
    public const string PersonUnknown = "person_unknown";
    public const string NoInsuredSpellYet = "no_insured_spell_yet";
    public const string NoInsuredSpell = "no_insured_spell";
    public const string CountedForAnotherAgency = "counted_for_another_agency";
}

/// <summary>
/// The HR-agency subsidy as pure rules (relief-rules.md "Subsidy to HR service agencies"): the tiers, and whether one
/// placement is confirmed by the registry's evidence on a given day.
/// </summary>
internal static class SubsidyRules
{
    /// <summary>The tiers in force on <paramref name="day"/>, lowest first.</summary>
    public static IReadOnlyList<SubsidyTier> Tiers(DateOnly day, ParameterSet? parameters = null)
    {
        var p = parameters ?? RefundParameters.All;
        return [.. Enumerable.Range(1, 3).Select(i => new SubsidyTier(
            i, (int)Value(p, $"agency_subsidy.tier_{i}.persons", day), Value(p, $"agency_subsidy.tier_{i}.amount", day)))];
    }

    /// <summary>The highest tier <paramref name="persons"/> reach, or null below the first.</summary>
    public static SubsidyTier? Reached(int persons, IReadOnlyList<SubsidyTier> tiers) => tiers.LastOrDefault(t => persons >= t.Persons);

    /// <summary>The next tier above <paramref name="persons"/>, or null past the highest.</summary>
    public static SubsidyTier? Next(int persons, IReadOnlyList<SubsidyTier> tiers) => tiers.FirstOrDefault(t => persons < t.Persons);

    /// <summary>
    /// Confirmed (null) or the reason it is not (yet): the placement date inside the counting window; the employer
    /// registered and a key enterprise; the person known; an insured spell there whose first month is the placement's
    /// month or one of the next two. Before the last of those months has ended it is "not yet", after it "not".
    /// </summary>
    public static string? WhyNotConfirmed(DateOnly placedOn, PlacementEvidence evidence, DateOnly today, ParameterSet? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var p = parameters ?? RefundParameters.All;
        if (p["agency_subsidy.placement_counts"].Find(placedOn) is not { IsTrue: true })
        {
            return PlacementReasons.OutsideWindow;
        }

        if (!evidence.EmployerRegistered)
        {
            return PlacementReasons.EmployerNotRegistered;
        }

        if (!evidence.KeyEnterprise)
        {
            return PlacementReasons.NotKeyEnterprise;
        }

        var first = YearMonth.FromDate(placedOn);
        var last = first.AddMonths((int)Value(p, "agency_subsidy.confirmation_months", placedOn));
        if (evidence.SpellStartMonths.Any(m => m >= first && m <= last))
        {
            return null;
        }

        var windowOpen = YearMonth.FromDate(today) <= last;
        return evidence.PersonId is null && !windowOpen ? PlacementReasons.PersonUnknown
            : windowOpen ? PlacementReasons.NoInsuredSpellYet
            : PlacementReasons.NoInsuredSpell;
    }

    private static decimal Value(ParameterSet p, string name, DateOnly day) =>
        (p[name].Find(day) ?? throw new InvalidOperationException($"{name} has no value in force on {day:yyyy-MM-dd}.")).Number;
}
