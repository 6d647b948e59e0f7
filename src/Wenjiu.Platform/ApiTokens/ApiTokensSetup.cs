using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Modules;

namespace Wenjiu.Platform.ApiTokens;

public static class ApiTokensSetup
{
    /// <summary>
    /// Personal access tokens (ADR 0012): the service, the bearer scheme beside the sign-in cookie, the per-token rate
    /// limit and the <c>tokens</c> verb. Called after Identity is added, so that the cookie-or-token choice becomes the
    /// default scheme.
    /// </summary>
    public static IServiceCollection AddApiTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiTokenOptions>(configuration.GetSection(ApiTokenOptions.Section));
        services.AddScoped<ApiTokenService>();
        services.AddSingleton<ApiTokenClaimsCache>();
        services.AddAuthentication(options =>
            {
                options.DefaultAuthenticateScheme = ApiTokenScheme.CookieOrToken;
                options.DefaultChallengeScheme = ApiTokenScheme.CookieOrToken;
                options.DefaultForbidScheme = ApiTokenScheme.CookieOrToken;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenScheme.Name, null)
            .AddPolicyScheme(ApiTokenScheme.CookieOrToken, null, options => options.ForwardDefaultSelector = context =>
                ApiTokenScheme.PresentedToken(context.Request) is null ? IdentityConstants.ApplicationScheme : ApiTokenScheme.Name);

        // Per token, before any database look-up: the partition is the token's hash, so a client that floods the API is
        // stopped without costing a query, and one client's burst never takes another's allowance. Unknown tokens get
        // partitions too, and their 401 after the limit turns into 429, which tells a guesser nothing either.
        services.Configure<RateLimiterOptions>(options => options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            ApiTokenScheme.PresentedToken(context.Request) is { } token
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "api-token:" + ApiTokenService.Hash(token),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<ApiTokenOptions>>().Value.RequestsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("")));
        services.AddCommandLineVerb("tokens", TokensCommand.Create);
        return services;
    }
}
