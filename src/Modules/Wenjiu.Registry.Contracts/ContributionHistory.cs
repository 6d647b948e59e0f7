using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Registry.Contracts;

/// <summary>
/// One row of the <c>contributions</c> file (interchange.md) as the registry keeps it: what the collection system billed
/// and received for an employer's contribution month, in yuan. A month with no row was not billed.
/// </summary>
/// <param name="Due">Total billed, employer and employee parts, all insurances, after relief and deferral.</param>
/// <param name="Paid">Total received so far.</param>
/// <param name="UnemploymentPaid">Of <paramref name="Paid"/>, unemployment insurance (employer + employee parts).</param>
/// <param name="PaidOn">Date of the latest payment; null when nothing was paid.</param>
public readonly record struct ContributionMonth(YearMonth Month, int Insured, decimal Due, decimal Paid, decimal UnemploymentPaid, DateOnly? PaidOn);

/// <summary>
/// An employer's contribution history over a range of months, with its insured headcount at two month-ends, as the
/// stable-job refund needs it (relief-rules.md): no personal data.
/// </summary>
/// <param name="PolicySizeClass">The size class fixed for the 2020 policy period (<see cref="PolicySizeClasses"/>).</param>
/// <param name="InsuredAtBaseline">Distinct persons with an insured spell at the employer covering the baseline month.</param>
/// <param name="InsuredAtYearEnd">Distinct persons with an insured spell at the employer covering the year-end month.</param>
/// <param name="Months">The employer's <c>contributions</c> rows in the range, in month order (missing months are absent).</param>
public sealed record EmployerContributions(
    string Uscc, string Industry, string District, SizeClass PolicySizeClass, int InsuredAtBaseline, int InsuredAtYearEnd,
    IReadOnlyList<ContributionMonth> Months);

/// <summary>
/// The contribution history other modules may read (never the registry's tables): every registered employer once, in
/// code order, streamed from one consistent snapshot (on PostgreSQL binary COPY, elsewhere a plain reader; nothing
/// gathered in memory on the registry's side). Used by the refund batch (payments module) over 615,000 employers.
/// </summary>
public interface IContributionHistory
{
    /// <summary>
    /// Every registered employer in code order with its rows for <paramref name="firstMonth"/> … <paramref name="lastMonth"/>
    /// and its headcounts at <paramref name="baselineMonth"/> and <paramref name="yearEndMonth"/>.
    /// </summary>
    IAsyncEnumerable<EmployerContributions> ReadAsync(
        YearMonth firstMonth, YearMonth lastMonth, YearMonth baselineMonth, YearMonth yearEndMonth, CancellationToken cancellationToken = default);

    /// <summary>The same for one employer; null when the registry has no such employer.</summary>
    Task<EmployerContributions?> FindAsync(
        string uscc, YearMonth firstMonth, YearMonth lastMonth, YearMonth baselineMonth, YearMonth yearEndMonth, CancellationToken cancellationToken = default);
}

/// <summary>A person (by resident identity number, in clear: the agency typed it) at an employer, to check a placement.</summary>
public sealed record PersonAtEmployer(string IdNumber, string Uscc);

/// <summary>
/// A person by the registry's person number at an employer, to check a placement made where no identity number is held
/// (an agency's referral through recruitment, whose seekers keep only the person number).
/// </summary>
public sealed record PersonNumberAtEmployer(long PersonId, string Uscc);

/// <summary>
/// What the registry knows about a <see cref="PersonAtEmployer"/> (or a <see cref="PersonNumberAtEmployer"/>): whether
/// both are registered, whether the employer is a designated key enterprise now, and the first months of the person's
/// insured spells there (ascending).
/// </summary>
/// <param name="IdNumber">The number asked with; null when asked by person number (the number stays in the registry).</param>
/// <param name="PersonId">The registry's number for the person (as in <see cref="InsuredSpellStarted"/>), null when unknown.</param>
public sealed record PlacementEvidence(
    string? IdNumber, string Uscc, long? PersonId, bool EmployerRegistered, bool KeyEnterprise, IReadOnlyList<YearMonth> SpellStartMonths);

/// <summary>Insured employment as evidence that a placement happened (HR-agency subsidies, and later returns and hires).</summary>
public interface IPlacementEvidence
{
    /// <summary>One answer per distinct pair asked, in one read. Every look-up of identity numbers is audited by the registry.</summary>
    Task<IReadOnlyList<PlacementEvidence>> FindAsync(IReadOnlyCollection<PersonAtEmployer> pairs, string askedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same by person number: one answer per distinct pair asked, in the order first asked, <see cref="PlacementEvidence.IdNumber"/> null, and
    /// <see cref="PlacementEvidence.PersonId"/> null for a number the registry does not hold. No identity number is read.
    /// </summary>
    Task<IReadOnlyList<PlacementEvidence>> FindByPersonAsync(IReadOnlyCollection<PersonNumberAtEmployer> pairs, CancellationToken cancellationToken = default);
}

/// <summary>An employer's size class for the 2020 policy period: as published on 2020-03-09, and as it stands after objections.</summary>
/// <param name="Published">The class the registry published (computed from the facts it held when the employer was first classified).</param>
/// <param name="Current">The class in force: the published one unless a reviewer upheld an objection.</param>
/// <param name="Reference">The upheld objection's reference, when <paramref name="Current"/> differs from <paramref name="Published"/> because of one.</param>
public sealed record PolicySizeClass(string Uscc, SizeClass Published, SizeClass Current, string? Reference, DateTimeOffset? ReclassifiedAt);

/// <summary>
/// The size class fixed for the whole policy period (relief-rules.md): a later change of an employer's facts does not
/// move it; only an upheld objection does, through <see cref="ReclassifyAsync"/>.
/// </summary>
public interface IPolicySizeClasses
{
    Task<PolicySizeClass?> FindAsync(string uscc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the class in force after an upheld objection, audited, and publishes <see cref="EmployerReclassified"/> in the
    /// same transaction. Repeating the same reference changes nothing (idempotent).
    /// </summary>
    Task ReclassifyAsync(string uscc, SizeClass sizeClass, string reference, string decidedBy, CancellationToken cancellationToken = default);
}

/// <summary>An upheld objection changed an employer's size class for the policy period: every assessed month it affects needs a new version.</summary>
public sealed record EmployerReclassified(string Uscc, SizeClass From, SizeClass To, string Reference, string DecidedBy) : IDomainEvent
{
    public static string EventType => "registry.employer_reclassified";
}
