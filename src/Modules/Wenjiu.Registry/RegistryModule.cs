using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry;

/// <summary>The registry of employers, persons and insured employment (brief §1).</summary>
public static class RegistryModule
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDbContext<RegistryDbContext>((sp, options) =>
            options.UseWenjiuDatabase(sp.GetRequiredService<DatabaseOptions>(), RegistryDbContext.Module));
        builder.Services.AddSingleton(SmeSizeStandard.Default);
        builder.Services.AddScoped<Features.Import.RegistryImporter>();
        builder.Services.AddSingleton<Features.Import.BackgroundImports>();
        builder.Services.AddHostedService<Features.Import.ImportWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
