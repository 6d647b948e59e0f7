namespace Wenjiu.Platform.ApiTokens;

/// <summary>
/// A personal access token: a machine client (a bank, a province's system, the social insurance core system) calls
/// <c>/api/v1</c> as the user it belongs to. Only the SHA-256 of the secret is kept; the secret is shown once.
/// </summary>
public sealed class ApiToken
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>The label its owner gave it ("bank-feed"): how a person tells tokens apart and names one to revoke.</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the whole token, lower-case hex. A 256-bit random secret needs no slow hash: it cannot be guessed.</summary>
    public string SecretHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Updated at most once a minute: the audit log has every use, this is the list's summary.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The user who made it on the tokens page, or <c>operator</c> for the command line on the server.</summary>
    public string CreatedBy { get; set; } = "";
}
