using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Sessions;

/// <summary>
/// Sign-in attempts are limited per account and, much more loosely, per address; the address is the TCP peer's unless a
/// configured proxy forwarded it (issue 7 §5). The test server has no TCP peer, so a test-only middleware sets it.
/// </summary>
public sealed class SignInLimitTests
{
    private const string Proxy = "127.0.0.10";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Thirty_accounts_signing_in_from_one_office_address_are_not_turned_away(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await using var host = WithPeers(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var user = await SignIn.CreateUserAsync(factory, Roles.Enterprise);
            using var client = From(host, "127.0.0.77");
            using var response = await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Redirect, status));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task One_account_tried_from_many_addresses_is_limited_after_ten_attempts_a_minute(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await using var host = WithPeers(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var client = From(host, $"127.0.1.{i + 1}");
            using var response = await SignIn.PostPasswordAsync(client, "someone-in-particular", "guess-" + i);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses[..10], status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_forwarded_address_from_a_peer_that_is_not_a_configured_proxy_is_ignored(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, Settings(perAddress: 5));
        await using var host = WithPeers(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = From(host, "127.0.0.66", forwardedFor: $"203.0.113.{i + 1}");
            using var response = await SignIn.PostPasswordAsync(client, $"nobody-{i}", "guess");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        var addresses = (await SignInTests.AuditEntriesAsync(factory, "sign-in.failed")).Select(e => e.ClientAddress).Distinct().ToList();
        Assert.Equal(["127.0.0.66"], addresses);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_forwarded_address_from_a_configured_proxy_is_the_clients_address(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, Settings(perAddress: 5));
        await using var host = WithPeers(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = From(host, Proxy, forwardedFor: $"203.0.113.{i + 1}");
            using var response = await SignIn.PostPasswordAsync(client, $"nobody-{i}", "guess");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var addresses = (await SignInTests.AuditEntriesAsync(factory, "sign-in.failed")).Select(e => e.ClientAddress).ToList();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"203.0.113.{i}"), addresses);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_password_attempt_hashes_once_whether_the_account_is_unknown_locked_disabled_or_real(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var hasher = new CountingPasswordHasher();
        await using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<WenjiuUser>>(hasher)));
        var real = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        var locked = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        var disabled = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
            var lockedUser = (await users.FindByIdAsync(locked.Id))!;
            await users.SetLockoutEndDateAsync(lockedUser, DateTimeOffset.UtcNow.AddMinutes(15));
            var disabledUser = (await users.FindByIdAsync(disabled.Id))!;
            disabledUser.DisabledAt = DateTimeOffset.UtcNow;
            await users.UpdateAsync(disabledUser);
        }

        async Task<int> HashesForAsync(string userName)
        {
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var before = hasher.Verifications;
            (await SignIn.PostPasswordAsync(client, userName, "Wrong-password-1")).Dispose();
            return hasher.Verifications - before;
        }

        Assert.Equal(1, await HashesForAsync(real.UserName!));
        Assert.Equal(1, await HashesForAsync("nobody-by-this-name"));
        Assert.Equal(1, await HashesForAsync(locked.UserName!));
        Assert.Equal(1, await HashesForAsync(disabled.UserName!));
    }

    private static Dictionary<string, string?> Settings(int perAddress) => new()
    {
        ["SignIn:AttemptsPerAddressPerMinute"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The host with one configured proxy, and the peer address of each request taken from a test header.</summary>
    private static WebApplicationFactory<Program> WithPeers(WenjiuFactory factory) => factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, PeerAddressFromTestHeader>());
    });

    private static HttpClient From(WebApplicationFactory<Program> host, string peer, string? forwardedFor = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(PeerAddressFromTestHeader.Header, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    private sealed class PeerAddressFromTestHeader : IStartupFilter
    {
        public const string Header = "X-Test-Peer-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return following(context);
            });
            next(app);
        };
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<WenjiuUser>
    {
        private readonly PasswordHasher<WenjiuUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(WenjiuUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(WenjiuUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
