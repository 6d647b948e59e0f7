using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Platform.ApiTokens;

/// <summary>The token settings (section <c>ApiTokens</c>).</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "ApiTokens";

    /// <summary>Requests per minute and token; past it the API answers 429 to that token only.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    public int DefaultLifetimeDays { get; set; } = 90;

    /// <summary>No token lives longer: a forgotten token on a decommissioned server stops by itself.</summary>
    public int MaxLifetimeDays { get; set; } = 366;
}

public enum TokenCreation
{
    Created,
    NameInvalid,
    NameInUse,
    LifetimeInvalid,
    UserDisabled,
}

/// <summary>A token just made: the row and the secret, which exists nowhere else and is shown once.</summary>
public sealed record NewApiToken(TokenCreation Outcome, ApiToken? Token = null, string? Secret = null);

/// <summary>Makes, lists, revokes and checks personal access tokens (ADR 0012).</summary>
public sealed class ApiTokenService(PlatformDbContext db, IAuditLog audit, TimeProvider clock, IOptions<ApiTokenOptions> options)
{
    /// <summary>Recognisable in a log or a leaked-secret scan, and tells a token from a password at a glance.</summary>
    public const string Prefix = "wjp_";

    public const string CreatedAction = "api-token.created";
    public const string RevokedAction = "api-token.revoked";
    public const string UsedAction = "api-token.used";

    /// <summary>The operator who ran <c>wenjiu tokens create</c> on the server, as the token's maker.</summary>
    public const string Operator = "operator";

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public ApiTokenOptions Options => options.Value;

    public async Task<NewApiToken> CreateAsync(WenjiuUser user, string name, TimeSpan? lifetime, string createdBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        name = (name ?? "").Trim();
        if (name.Length == 0 || name.Length > ApiToken.MaxNameLength || name.Any(char.IsControl))
        {
            return new NewApiToken(TokenCreation.NameInvalid);
        }

        var life = lifetime ?? TimeSpan.FromDays(options.Value.DefaultLifetimeDays);
        if (life <= TimeSpan.Zero || life > TimeSpan.FromDays(options.Value.MaxLifetimeDays))
        {
            return new NewApiToken(TokenCreation.LifetimeInvalid);
        }

        if (user.DisabledAt is not null)
        {
            return new NewApiToken(TokenCreation.UserDisabled);
        }

        if (await db.ApiTokens.AnyAsync(t => t.UserId == user.Id && t.Name == name && t.RevokedAt == null, cancellationToken))
        {
            return new NewApiToken(TokenCreation.NameInUse);
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            Name = name,
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + life,
            CreatedBy = createdBy,
        };
        db.ApiTokens.Add(token);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same label made twice at once: the unique index let one through.
            db.ChangeTracker.Clear();
            return new NewApiToken(TokenCreation.NameInUse);
        }

        await audit.RecordAsync(createdBy == Operator ? Operator : createdBy, CreatedAction, Record(token), Describe(token, user), cancellationToken);
        return new NewApiToken(TokenCreation.Created, token, secret);
    }

    /// <summary>The user's tokens, live ones first, newest first.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken))
            .OrderBy(t => t.RevokedAt is not null).ThenByDescending(t => t.CreatedAt).ToList();

    /// <summary>Revokes the user's live token with this label; false when there is none.</summary>
    public async Task<bool> RevokeAsync(WenjiuUser user, string name, string revokedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.UserId == user.Id && t.Name == name.Trim() && t.RevokedAt == null, cancellationToken);
        return token is not null && await RevokeAsync(token, user, revokedBy, cancellationToken);
    }

    /// <summary>Revokes one of the user's own tokens by id (the tokens page); false when it is not the user's or already revoked.</summary>
    public async Task<bool> RevokeAsync(WenjiuUser user, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == user.Id && t.RevokedAt == null, cancellationToken);
        return token is not null && await RevokeAsync(token, user, user.UserName ?? user.Id, cancellationToken);
    }

    /// <summary>
    /// The token's user, when the token is one we made, is neither revoked nor expired, and its user is not disabled;
    /// otherwise null. One indexed look-up by hash, joined to the user.
    /// </summary>
    public async Task<(ApiToken Token, WenjiuUser User)?> FindUsableAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        var hash = Hash(presented);
        var now = clock.GetUtcNow();
        var found = await (
            from token in db.ApiTokens
            where token.SecretHash == hash && token.RevokedAt == null && token.ExpiresAt > now
            join user in db.Users on token.UserId equals user.Id
            where user.DisabledAt == null
            select new { token, user }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.token, found.user);
    }

    /// <summary>Every use is audited; the list's "last used" is refreshed at most once a minute, to spare a write per request.</summary>
    public async Task RecordUseAsync(ApiToken token, WenjiuUser user, string request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt.Value >= LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        await audit.RecordAsync(user.UserName ?? user.Id, UsedAction, Record(token), $"{token.Name}: {request}", cancellationToken);
    }

    /// <summary>The hash the table keeps: SHA-256 of the token's UTF-8 bytes, hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary><c>30d</c>, <c>12h</c> or a bare number of days.</summary>
    public static bool TryParseLifetime(string? text, out TimeSpan lifetime)
    {
        lifetime = default;
        text = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var unit = text[^1];
        var number = char.IsDigit(unit) ? text : text[..^1];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return false;
        }

        lifetime = unit switch
        {
            'h' => TimeSpan.FromHours(count),
            'd' or (>= '0' and <= '9') => TimeSpan.FromDays(count),
            _ => TimeSpan.Zero,
        };
        return lifetime > TimeSpan.Zero;
    }

    private async Task<bool> RevokeAsync(ApiToken token, WenjiuUser user, string revokedBy, CancellationToken cancellationToken)
    {
        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(revokedBy, RevokedAction, Record(token), Describe(token, user), cancellationToken);
        return true;
    }

    private static string Record(ApiToken token) => string.Create(CultureInfo.InvariantCulture, $"api-token:{token.Id}");

    private static string Describe(ApiToken token, WenjiuUser user) => string.Create(
        CultureInfo.InvariantCulture, $"{token.Name} of {user.UserName}, expires {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
}
