using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Wenjiu.Web.Security;

/// <summary>
/// How many sign-in attempts (password or code posts) a minute are let through. Per account, so that guessing one
/// account's password from many addresses is slow; per address, much higher, so that an office behind one NAT address
/// is not locked out at nine in the morning (issue 7). Configured under <c>SignIn</c>; docs/operations.md.
/// </summary>
internal sealed class SignInLimitOptions
{
    public const string Section = "SignIn";

    public int AttemptsPerAccountPerMinute { get; set; } = 10;

    public int AttemptsPerAddressPerMinute { get; set; } = 100;
}

/// <summary>
/// The per-account half of the sign-in limits (the per-address half is the rate limiter's <c>sign-in</c> policy, which
/// runs before the form is read). In memory on each node: lockout after five wrong passwords, kept in the database,
/// is what holds across nodes.
/// </summary>
internal sealed class SignInAccountLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public SignInAccountLimiter(IOptions<SignInLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.AttemptsPerAccountPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(
            account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>True when one more attempt for this user name is allowed now (names compare case-insensitively, as Identity's).</summary>
    public bool TryAttempt(string userName)
    {
        using var lease = limiter.AttemptAcquire(userName.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Which proxies may tell the client's address (X-Forwarded-For): only those configured, none by default.</summary>
internal static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // ASP.NET Core trusts loopback by default; a proxy is trusted here only when an operator names it.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        var section = configuration.GetSection(Section);
        foreach (var address in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.Parse(address));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        options.ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1;
    }
}
