namespace Wenjiu.Ledger.Domain;

/// <summary>A one-click "still needed" link: single use, expiring; only the SHA-256 of the token is kept.</summary>
internal sealed class ConfirmationToken
{
    public long Id { get; set; }

    public long LineId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
