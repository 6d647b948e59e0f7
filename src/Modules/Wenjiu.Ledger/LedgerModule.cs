using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Features.Confirmations;
using Wenjiu.Ledger.Features.Funnel;
using Wenjiu.Ledger.Features.KeyEnterprises;
using Wenjiu.Ledger.Features.Lines;
using Wenjiu.Ledger.Localization;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Web;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Ledger;

/// <summary>
/// The key-enterprise demand ledger (issue 10 §1): designations, demand lines with a one-to-one specialist, urgency,
/// funnels counted from recruitment's events, the weekly "still needed?" question, and hires from insured employment.
/// </summary>
public static class LedgerModule
{
    public const string Area = "Ledger";

    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Loaded now, so a broken parameter file stops the host at start-up with the file and parameter named.
        _ = LedgerRules.All;
        services.AddModuleDatabase<Data.LedgerDbContext>(Data.LedgerDbContext.Module, order: 500);
        services.AddModulePages(Area, AuthorizePages);

        services.AddScoped<Designations>();
        services.AddScoped<Specialists>();
        services.AddScoped<DemandLines>();
        services.AddScoped<LineQueries>();
        services.AddScoped<IDemandLedger>(sp => sp.GetRequiredService<LineQueries>());
        services.AddScoped<WeeklyConfirmations>();
        services.AddScheduledJob<WeeklyConfirmationJob>(WeeklyConfirmationJob.Kind, TimeSpan.FromHours(1));
        services.AddEventHandler<FunnelStageReached, CountFunnelStages>();
        services.AddEventHandler<InsuredSpellStarted, HireFromInsuredSpell>();
        services.AddDemoData<Demo.LedgerDemoData>();
        services.AddNotificationKinds(
            new NotificationKind(WeeklyConfirmations.AskKind, typeof(LedgerText), "Notification.StillNeeded", 500),
            new NotificationKind(WeeklyConfirmations.FrozenKind, typeof(LedgerText), "Notification.Frozen", 510));

        services.AddNavigationLinks(
            NavigationLink.To("nav-ledger-lines", typeof(LedgerText), "Nav.Lines", 500, "/Ledger/Lines", Permissions.ViewDemandLines),
            NavigationLink.To("nav-ledger-designations", typeof(LedgerText), "Nav.Designations", 510, "/Ledger/Designations", Permissions.DesignateKeyEnterprises));
        return builder;
    }

    /// <summary>Which action of the permission table (docs/permissions.md) each ledger page needs; forms check the record's employer.</summary>
    private static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaFolder(Area, "/Lines", Permissions.ViewDemandLines);
        conventions.AuthorizeAreaPage(Area, "/Lines/Edit", Permissions.EditDemandLines);
        conventions.AuthorizeAreaFolder(Area, "/Designations", Permissions.DesignateKeyEnterprises);
        // The one-click "still needed" link works without signing in: its single-use token is the authority.
        conventions.AllowAnonymousToAreaPage(Area, "/Confirm");
    }

    public static IEndpointRouteBuilder MapLedger(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1/ledger").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        LineEndpoints.Map(api);
        return endpoints;
    }
}
