namespace Wenjiu.Payments.Domain;

internal enum PlacementStatus
{
    /// <summary>Not confirmed yet: the window for the person's insured spell is still open.</summary>
    Pending,

    Confirmed,

    /// <summary>Will not be confirmed (see <see cref="Placement.Reason"/>).</summary>
    NotConfirmed,
}

/// <summary>How a placement came to be recorded.</summary>
internal enum PlacementSource
{
    /// <summary>The agency's own list (the page, a CSV upload, the API), with identity numbers.</summary>
    List,

    /// <summary>An agency's referral through recruitment that the employer hired (<c>FunnelStageReached</c>): a person number only.</summary>
    Referral,
}

/// <summary>
/// An agency's record that it placed a person in a key enterprise. The identity number is personal data: encrypted at
/// rest, with a keyed hash beside it for look-up (the registry's way), shown masked. A placement from a referral holds
/// no identity number (recruitment has none to give): the person is the registry's person number.
/// </summary>
internal sealed class Placement
{
    public long Id { get; set; }

    public long AgencyId { get; set; }

    /// <summary>Null for a placement from a referral.</summary>
    public byte[]? IdNumber { get; set; }

    /// <summary>Null for a placement from a referral.</summary>
    public byte[]? IdNumberHash { get; set; }

    public PlacementSource Source { get; set; }

    /// <summary>Recruitment's application (candidate) id when the placement came from a referral, or a referral met a listed placement.</summary>
    public long? ReferralCandidateId { get; set; }

    public string EmployerUscc { get; set; } = "";

    public DateOnly PlacedOn { get; set; }

    public PlacementStatus Status { get; set; }

    /// <summary>Why not (yet) confirmed: a code with a text in the module's resources (<c>Placement.Reason.{code}</c>).</summary>
    public string? Reason { get; set; }

    /// <summary>The registry's person number: once known for a listed placement, from the start for a referral.</summary>
    public long? PersonId { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The API client's key; unique per agency, so a retried request records once.</summary>
    public string? IdempotencyKey { get; set; }
}
