using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Wenjiu.Web.Observability;

/// <summary>
/// OpenTelemetry metrics and traces (ADR 0013). Metrics are scraped by Prometheus at <c>/metrics</c>, with the standard
/// names of the OpenTelemetry instrumentation (<c>http_server_request_duration_seconds</c> by route, the runtime's, the
/// Npgsql pool's <c>db_client_connection_count</c>, EF Core's) and the platform's and modules' own meters, all named
/// <c>Wenjiu.*</c> (jobs, imports, assessments). Traces of requests and SQL go to an OTLP collector when one is
/// configured (<c>OpenTelemetry:Otlp:Endpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); without one they
/// are only the ids the logs and the error page carry.
/// </summary>
internal static class Telemetry
{
    public const string ScrapePath = "/metrics";
    public const string MetricsSection = "Metrics";
    public const string OtlpEndpointKey = "OpenTelemetry:Otlp:Endpoint";

    /// <summary>The meters exported: the platform's and every module's (<c>Wenjiu.Jobs</c>, <c>Wenjiu.Registry</c>, …).</summary>
    public const string OwnMeters = "Wenjiu.*";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration[OtlpEndpointKey] is { Length: > 0 } configured ? configured
            : Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } standard ? standard : null;
        builder.Services.AddSingleton(MetricsAccess.From(builder.Configuration));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("wenjiu", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore", "System.Net.Http", OwnMeters)
                .AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(ScrapePath))
                    .AddNpgsql()
                    .AddSource(OwnMeters);
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(options => options.Endpoint = new Uri(otlp));
                }
            });
        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> answers only a scraper on this machine or in a configured network; anyone else gets the 404 of a
    /// path that does not exist (the figures tell an attacker how busy the service is and which routes it has).
    /// Placed after the forwarded headers: behind a proxy the address is the client's, not the proxy's.
    /// </summary>
    public static WebApplication UseMetricsScraping(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == ScrapePath && access.Allows(context.Connection.RemoteIpAddress));
        return app;
    }
}

/// <summary>Who may scrape: loopback always, and the networks listed under <c>Metrics:AllowedNetworks</c> (CIDR).</summary>
internal sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
{
    public IReadOnlyList<IPNetwork> Networks { get; } = networks;

    public static MetricsAccess From(IConfiguration configuration)
    {
        var listed = configuration.GetSection(Telemetry.MetricsSection).GetSection("AllowedNetworks").Get<string[]>() ?? [];
        var networks = new List<IPNetwork>();
        foreach (var entry in listed)
        {
            if (!IPNetwork.TryParse(entry.Trim(), out var network))
            {
                throw new InvalidOperationException($"Metrics:AllowedNetworks: \"{entry}\" is not a network in CIDR notation (e.g. 10.20.0.0/16).");
            }

            networks.Add(network);
        }

        return new MetricsAccess(networks);
    }

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || Networks.Any(n => n.Contains(address));
    }
}
