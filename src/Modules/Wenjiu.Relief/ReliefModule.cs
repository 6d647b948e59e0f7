using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wenjiu.Platform.Database;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Features.Calculate;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief;

/// <summary>Social-insurance relief (issue 3): the beijing-2020 rules as code and the one-employer calculator.</summary>
public static class ReliefModule
{
    public static WebApplicationBuilder AddRelief(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Loaded now, so a broken parameter file stops the host at start-up with the file and parameter named.
        builder.Services.AddSingleton(ReliefRuleSet.Beijing2020);
        builder.Services.TryAddSingleton(SmeSizeStandard.Default);
        builder.Services.AddDbContext<Data.ReliefDbContext>((sp, options) =>
            options.UseWenjiuDatabase(sp.GetRequiredService<DatabaseOptions>(), Data.ReliefDbContext.Module));
        return builder;
    }

    /// <param name="publicRateLimit">The host's rate-limit policy for anonymous public endpoints.</param>
    public static IEndpointRouteBuilder MapRelief(this IEndpointRouteBuilder endpoints, string publicRateLimit)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        CalculateReliefEndpoint.Map(endpoints, publicRateLimit);
        return endpoints;
    }
}
