using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Wenjiu.Platform.Database;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests;

public sealed class HostTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_migrated_database_makes_the_host_ready(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var healthy = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_page_carries_the_strict_security_headers(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

public sealed class ServiceValidationTests
{
    private interface INeverRegistered;

    private sealed class NeedsWhatIsNotRegistered(INeverRegistered missing)
    {
        public INeverRegistered Missing { get; } = missing;
    }

    /// <summary>ValidateOnBuild: a registration that cannot be resolved stops the host when it is built, not on first use.</summary>
    [Fact]
    public async Task The_host_refuses_to_start_with_a_service_it_cannot_resolve()
    {
        await using var factory = (await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<NeedsWhatIsNotRegistered>()));

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(nameof(INeverRegistered), failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>ValidateScopes: a singleton holding a scoped service (a DbContext) is refused at build.</summary>
    [Fact]
    public async Task The_host_refuses_a_singleton_that_holds_a_scoped_service()
    {
        await using var factory = (await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite))
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<HoldsTheDatabase>()));

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("scoped", failure.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private sealed class HoldsTheDatabase(Wenjiu.Platform.PlatformDbContext db)
    {
        public Wenjiu.Platform.PlatformDbContext Db { get; } = db;
    }
}
