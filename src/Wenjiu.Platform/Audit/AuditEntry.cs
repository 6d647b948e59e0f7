namespace Wenjiu.Platform.Audit;

/// <summary>
/// One line of the append-only audit log. Each entry's <see cref="Hash"/> covers its own fields and the
/// previous entry's hash, so editing or deleting any entry breaks the chain from there on.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>User name, or <c>system</c> for the command line and background jobs.</summary>
    public string Actor { get; set; } = "";

    /// <summary>What happened, e.g. <c>sign-in.succeeded</c>, <c>employer.updated</c>, <c>person.unmasked</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The record acted on, e.g. <c>employer:91110000600037341L</c>.</summary>
    public string Record { get; set; } = "";

    public string? ClientAddress { get; set; }

    public string? Details { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>1: plain SHA-256 (before issue 7); 2: HMAC-SHA256 under the chain key (<see cref="AuditChainKey"/>).</summary>
    public int HashVersion { get; set; } = KeyedVersion;

    public const int KeyedVersion = 2;
}
