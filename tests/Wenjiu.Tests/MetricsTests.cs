using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests;

/// <summary>
/// <c>/metrics</c> (issue 8 §8, ADR 0013): Prometheus text with the OpenTelemetry instrumentation's standard names, for a
/// scraper on loopback or in <c>Metrics:AllowedNetworks</c> only. Metrics read no data of their own, so PostgreSQL alone
/// is enough (the import test's counting is the importer's, tested on both providers in ImportTests).
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task A_scrape_from_loopback_answers_prometheus_text_with_the_request_duration_by_route()
    {
        await using var factory = await WenjiuFactory.CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(factory, "/healthz", IPAddress.Loopback)).Status);

        var (status, type, body) = await ScrapeUntilAsync(factory, IPAddress.Loopback, "http_server_request_duration_seconds_bucket");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/plain", type, StringComparison.Ordinal);
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_route=""/healthz""", body);
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.21.0.1")]
    [InlineData("::ffff:192.0.2.1")]
    public async Task A_scrape_from_outside_loopback_and_the_allowed_networks_is_a_404(string address)
    {
        await using var factory = await WenjiuFactory.CreateAsync(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.20.0.0/16" });

        var (status, _, body) = await SendAsync(factory, "/metrics", IPAddress.Parse(address));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("http_server", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scrape_from_an_allowed_network_answers()
    {
        await using var factory = await WenjiuFactory.CreateAsync(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.20.0.0/16" });

        var (status, _, body) = await SendAsync(factory, "/metrics", IPAddress.Parse("10.20.3.4"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("# TYPE", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_shows_its_imported_and_rejected_rows_and_its_duration()
    {
        await using var factory = await WenjiuFactory.CreateAsync();
        var outcome = await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        Assert.Equal((3, 14), (outcome.RowsImported, outcome.RowsRejected));

        var (_, _, body) = await ScrapeUntilAsync(factory, IPAddress.Loopback, "wenjiu_import_rows_total");

        // Other test hosts in this process import too and meters are named alike: at least this import's rows.
        Assert.True(Value(body, "wenjiu_import_rows_total", "kind=\"employers\"", "outcome=\"imported\"") >= 3, body);
        Assert.True(Value(body, "wenjiu_import_rows_total", "kind=\"employers\"", "outcome=\"rejected\"") >= 14, body);
        Assert.True(Value(body, "wenjiu_import_duration_seconds_count", "kind=\"employers\"", "status=\"completed\"") >= 1, body);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("", "127.0.0.1", true)]
    [InlineData("", "::1", true)]
    public void The_allowed_networks_are_loopback_and_the_configured_ones(string network, string address, bool allowed)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(network.Length == 0 ? [] : [new("Metrics:AllowedNetworks:0", network)]).Build();

        Assert.Equal(allowed, Wenjiu.Web.Observability.MetricsAccess.From(configuration).Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_network_that_is_not_cidr_stops_the_start_naming_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Metrics:AllowedNetworks:0", "10.20.0.0/33")]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => Wenjiu.Web.Observability.MetricsAccess.From(configuration));
        Assert.Contains("10.20.0.0/33", error.Message, StringComparison.Ordinal);
    }

    private static double Value(string body, string name, params string[] labels)
    {
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>The exporter caches a scrape for a short while: scrape again until the series appears (at most ~5 s).</summary>
    private static async Task<(HttpStatusCode Status, string Type, string Body)> ScrapeUntilAsync(WenjiuFactory factory, IPAddress from, string series)
    {
        (HttpStatusCode Status, string Type, string Body) answer = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            answer = await SendAsync(factory, "/metrics", from);
            if (answer.Body.Contains(series, StringComparison.Ordinal))
            {
                return answer;
            }

            await Task.Delay(100);
        }

        return answer;
    }

    private static async Task<(HttpStatusCode Status, string Type, string Body)> SendAsync(WenjiuFactory factory, string path, IPAddress from)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
        });
        using var reader = new StreamReader(context.Response.Body);
        return ((HttpStatusCode)context.Response.StatusCode, context.Response.ContentType ?? "", await reader.ReadToEndAsync());
    }
}
