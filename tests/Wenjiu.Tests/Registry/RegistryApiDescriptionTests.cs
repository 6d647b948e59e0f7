using System.Net;
using System.Text.Json;
using Wenjiu.Platform.Database;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class RegistryApiDescriptionTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_openapi_document_describes_every_registry_endpoint(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(paths.GetProperty("/api/v1/employers").TryGetProperty("get", out var search));
        Assert.False(string.IsNullOrEmpty(search.GetProperty("summary").GetString()));
        Assert.True(paths.GetProperty("/api/v1/employers/{uscc}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/imports").TryGetProperty("post", out var start));
        Assert.Contains("Idempotency-Key", start.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(paths.GetProperty("/api/v1/imports/{id}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/imports/{id}/errors.csv").TryGetProperty("get", out _));
    }
}
