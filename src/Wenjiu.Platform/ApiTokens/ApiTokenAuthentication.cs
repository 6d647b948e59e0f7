using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Platform.ApiTokens;

/// <summary>
/// <c>Authorization: Bearer wjp_…</c> on <c>/api/v1</c> (ADR 0012). The token's user gets the claims a cookie sign-in
/// gives (<see cref="WenjiuClaimsPrincipalFactory"/>: roles, employer binding), kept per user and stamps
/// (<see cref="ApiTokenClaimsCache"/>) so that a change of roles takes effect at the next request, a disabled account is
/// refused by the look-up itself, and the second-factor mark: a token was made after a
/// second-factor check on the tokens page, or by an operator on the server. Every use is audited.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IUserClaimsPrincipalFactory<WenjiuUser> claims,
    ApiTokenClaimsCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenScheme.PresentedToken(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (await tokens.FindUsableAsync(presented, Context.RequestAborted) is not { } found)
        {
            // One answer for unknown, revoked, expired and disabled: a caller learns nothing about which.
            return AuthenticateResult.Fail("The token is unknown, revoked or expired, or its user is disabled.");
        }

        var (token, user) = found;
        var userClaims = await cache.GetOrCreateAsync(user, async () => [.. (await claims.CreateAsync(user)).Claims]);
        var identity = new ClaimsIdentity(userClaims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ApiTokenScheme.MethodClaim, ApiTokenScheme.SecondFactor));
        identity.AddClaim(new Claim(ApiTokenScheme.TokenIdClaim, token.Id.ToString()));
        await tokens.RecordUseAsync(token, user, $"{Request.Method} {Request.Path}", Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}

/// <summary>The names and the choice between the sign-in cookie and a bearer token.</summary>
public static class ApiTokenScheme
{
    public const string Name = "ApiToken";

    /// <summary>The default scheme: a bearer token on the API when one is presented, the sign-in cookie otherwise.</summary>
    public const string CookieOrToken = "CookieOrApiToken";

    /// <summary>The token a request was authenticated by (its id), for the audit and the rate limit.</summary>
    public const string TokenIdClaim = "wenjiu:api_token";

    /// <summary>The claim Identity adds after a second-factor sign-in (<c>amr=mfa</c>, as StaffTwoFactor reads it).</summary>
    public const string MethodClaim = "amr";

    public const string SecondFactor = "mfa";

    /// <summary>
    /// The token of a request to <c>/api/v1</c> with <c>Authorization: Bearer</c>; null anywhere else. Pages never take
    /// a token: their forms are protected by antiforgery tokens tied to the cookie, and a browser has no bearer token.
    /// </summary>
    public static string? PresentedToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public static bool ByApiToken(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.AuthenticationType == Name;
    }

    /// <summary>
    /// After <c>UseAntiforgery</c>: a request authenticated by a bearer token passes an endpoint's antiforgery check.
    /// Antiforgery exists because a browser attaches the cookie to a forged cross-site request by itself; no browser
    /// attaches a bearer token, and a cross-site page cannot set the header without a CORS preflight this host never
    /// grants. Requests with the cookie are checked as before.
    /// </summary>
    public static IApplicationBuilder UseApiTokenAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.ByApiToken())
        {
            context.Features.Set<IAntiforgeryValidationFeature>(BearerValidated.Instance);
        }

        await next(context);
    });

    private sealed class BearerValidated : IAntiforgeryValidationFeature
    {
        public static readonly BearerValidated Instance = new();

        public bool IsValid => true;

        public Exception? Error => null;
    }
}

/// <summary>
/// The claims <see cref="WenjiuClaimsPrincipalFactory"/> built for a user (roles, employer binding), kept a few minutes
/// per user <em>and stamps</em>: the token's look-up reads the user row on every request, and a change of roles, employer
/// or disabling changes the security or concurrency stamp (AccountAdministration renews the security stamp on every role
/// change), so the next request builds them afresh. It spares the five or six queries of the factory on every call.
/// </summary>
public sealed class ApiTokenClaimsCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<Claim[]> GetOrCreateAsync(WenjiuUser user, Func<Task<Claim[]>> create)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(create);
        var key = (user.Id, user.SecurityStamp, user.ConcurrencyStamp);
        if (cache.TryGetValue(key, out Claim[]? found) && found is not null)
        {
            return found;
        }

        var claims = await create();
        cache.Set(key, claims, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return claims;
    }

    public void Dispose() => cache.Dispose();
}
