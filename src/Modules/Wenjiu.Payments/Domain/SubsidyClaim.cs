namespace Wenjiu.Payments.Domain;

/// <summary>
/// An agency's claim for the placement subsidy, opened when it reaches a tier; at most one per agency is approved and
/// paid (only the highest tier reached is paid, once). An undecided claim is raised to a higher tier when one is reached.
/// </summary>
internal sealed class SubsidyClaim
{
    public long Id { get; set; }

    public long AgencyId { get; set; }

    /// <summary>The tier's threshold in persons (50, 100, 200).</summary>
    public int Tier { get; set; }

    public int ConfirmedPersons { get; set; }

    public decimal Amount { get; set; }

    public ApplicationStatus Status { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}
