namespace Wenjiu.Payments.Domain;

internal enum PlacementStatus
{
    /// <summary>Not confirmed yet: the window for the person's insured spell is still open.</summary>
    Pending,

    Confirmed,

    /// <summary>Will not be confirmed (see <see cref="Placement.Reason"/>).</summary>
    NotConfirmed,
}

/// <summary>
/// An agency's record that it placed a person in a key enterprise. The identity number is personal data: encrypted at
/// rest, with a keyed hash beside it for look-up (the registry's way), shown masked.
/// </summary>
internal sealed class Placement
{
    public long Id { get; set; }

    public long AgencyId { get; set; }

    public byte[] IdNumber { get; set; } = [];

    public byte[] IdNumberHash { get; set; } = [];

    public string EmployerUscc { get; set; } = "";

    public DateOnly PlacedOn { get; set; }

    public PlacementStatus Status { get; set; }

    /// <summary>Why not (yet) confirmed: a code with a text in the module's resources (<c>Placement.Reason.{code}</c>).</summary>
    public string? Reason { get; set; }

    /// <summary>The registry's person number once known (to match <c>InsuredSpellStarted</c>).</summary>
    public long? PersonId { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The API client's key; unique per agency, so a retried request records once.</summary>
    public string? IdempotencyKey { get; set; }
}
