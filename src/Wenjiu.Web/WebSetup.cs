using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Web.Observability;
using Wenjiu.Web.Security;

namespace Wenjiu.Web;

/// <summary>The host's web plumbing: pages, languages, security headers, rate limits, health, API description.</summary>
internal static class WebSetup
{
    public const string SignInRateLimit = "sign-in";
    public const string PublicRateLimit = "public";

    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>The address the README promises when nothing else chooses one.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        // Every environment, not only Development: a module whose registrations do not resolve (a missing service, a
        // scoped service held by a singleton) stops the host at start-up, and the test suite sees it at once.
        builder.Host.UseDefaultServiceProvider(options =>
        {
            options.ValidateOnBuild = true;
            options.ValidateScopes = true;
        });
        // Only a default: --urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS or Kestrel endpoints in the configuration win.
        // (Written in appsettings.json it would override ASPNETCORE_URLS, which is read before the settings files.)
        if (!AddressConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddTelemetry();
        var services = builder.Services;
        services.AddLocalization();
        // Chinese pages: let Razor write CJK characters as they are instead of as &#x…; entities (6 bytes each).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToPage("/Index");
                options.Conventions.AllowAnonymousToPage("/Error");
                // The account pages a stranger needs; setting up two-factor sign-in needs a signed-in user.
                options.Conventions.AllowAnonymousToPage("/Account/SignIn");
                options.Conventions.AllowAnonymousToPage("/Account/SignInCode");
                options.Conventions.AllowAnonymousToPage("/Account/SignOut");
                options.Conventions.AllowAnonymousToPage("/Account/Denied");
                // Who may open which page: the permission table's actions (docs/permissions.md), one convention per folder.
                options.Conventions.AuthorizeFolder("/Admin/Users", Permissions.ManageUsers);
                options.Conventions.AuthorizePage("/Admin/Audit", Permissions.ViewAudit);
                // Each module authorises its own area in its AddX() (ModuleParts.AddModulePages).
            })
            // No client-side validation library is served: the data-val-* attributes would only carry unlocalised text.
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddViewLocalization()
            // The host's own forms name their messages by SiteText key; a module's types keep their own resources.
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (type, factory) =>
                factory.Create(type.Assembly == typeof(Localization.SiteText).Assembly ? typeof(Localization.SiteText) : type));
        services.AddNavigationLinks(
            NavigationLink.To("nav-admin-audit", typeof(Localization.SiteText), "Nav.Audit", 900, "/Admin/Audit", Permissions.ViewAudit),
            NavigationLink.To("nav-admin-users", typeof(Localization.SiteText), "Nav.Users", 910, "/Admin/Users", Permissions.ManageUsers));
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/SignIn";
            options.LogoutPath = "/Account/SignOut";
            options.AccessDeniedPath = "/Account/Denied";
            options.Cookie.Name = "wenjiu.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);

            // API callers get status codes, not a redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(options =>
            options.OnRefreshingPrincipal = StaffTwoFactor.KeepSecondFactorClaim);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "wenjiu.af";
            options.HeaderName = "X-CSRF-TOKEN";
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddScoped<AccountCreation>();
        services.AddScoped<AccountAdministration>();
        services.Configure<SignInLimitOptions>(builder.Configuration.GetSection(SignInLimitOptions.Section));
        services.AddSingleton<SignInAccountLimiter>();
        services.Configure<ForwardedHeadersOptions>(options => TrustedProxies.Configure(options, builder.Configuration));
        services.AddLocalizedProblemDetails();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, cancellationToken) => TooManyRequests.WriteAsync(context.HttpContext, cancellationToken);

            // Only attempts count (form posts): showing the sign-in form costs nothing and guesses nothing. This is the
            // per-address half, generous for an office behind one NAT address; the per-account half is SignInAccountLimiter.
            options.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignInLimitOptions>>().Value.AttemptsPerAddressPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("form"));
            options.AddPolicy(PublicRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 300, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddHealthChecks()
            .AddDbContextCheck<PlatformDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
        services.AddApiJson();
        services.AddOpenApi("v1", options => options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true);
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // First: the client's address (rate limits, audit) comes from X-Forwarded-For only when a configured proxy sent it.
        app.UseForwardedHeaders();
        // Before the pages and their status-code pages: /metrics is for a scraper, not a person (ADR 0013).
        app.UseMetricsScraping();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        // Pages get a page in the user's language; the API gets problem details (AddProblemDetails) for bare status codes.
        app.UseWhen(context => !IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/Error"));
        app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages());
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseStaffTwoFactor();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapCultureSwitch();
        app.MapHeaderSearch();
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapScalarApiReference("/api/reference", options => options.WithOpenApiRoutePattern("/api/{documentName}/openapi.json").WithTitle("Wenjiu API"));
        return app;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static bool AddressConfigured(ConfigurationManager configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Strict headers on every response: a same-origin CSP, no framing, no sniffing, no referrer leaks.</summary>
    private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference", StringComparison.Ordinal)
                ? "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
                : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}

/// <summary>Ready only when every module's migrations are applied.</summary>
internal sealed class MigrationsHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await DatabaseMigrator.PendingAsync(services, cancellationToken);
        return pending.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending.Count} migrations pending: {string.Join(", ", pending)}");
    }
}
