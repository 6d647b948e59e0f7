using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.ApiTokens;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Files;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.PersonalData;

namespace Wenjiu.Platform;

/// <summary>Demo mode seeds the synthetic city and demo accounts; it is on for <c>dotnet run</c> (Development) only.</summary>
public sealed class WenjiuOptions
{
    public const string Section = "Wenjiu";

    public bool Demo { get; set; }

    /// <summary>Where uploaded import files and their error reports are kept.</summary>
    public string DataDirectory { get; set; } = "data";
}

public static class PlatformModule
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Read when first resolved, not now: test hosts and tools add configuration after Program starts.
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        services.Configure<WenjiuOptions>(builder.Configuration.GetSection(WenjiuOptions.Section));
        services.Configure<PersonalDataOptions>(builder.Configuration.GetSection(PersonalDataOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddSingleton<PersonalDataProtector>();
        services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditChainKey>();
        services.AddSingleton<AuditBatch>();

        services.AddModuleDatabase<PlatformDbContext>(PlatformDbContext.Module, order: 0);
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddJobs(builder.Configuration);
        services.AddEvents(builder.Configuration);
        services.AddNotifications(builder.Configuration);

        services.AddDataProtection().SetApplicationName("wenjiu").PersistKeysToDbContext<PlatformDbContext>();
        services.AddIdentity<WenjiuUser, IdentityRole>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PlatformDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<WenjiuSignInManager>()
            .AddClaimsPrincipalFactory<WenjiuClaimsPrincipalFactory>();

        // The sign-in cookie holds a session id; the session lives in the database, checked on every request.
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((options, store) => options.SessionStore = store);

        // One policy per action of the permission table (docs/permissions.md); pages, endpoints and links name the action.
        services.AddAuthorizationBuilder().AddPermissionPolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ActsForEmployerHandler>();
        services.AddFileStore(builder.Configuration);
        services.AddApiTokens(builder.Configuration);
        return builder;
    }
}
