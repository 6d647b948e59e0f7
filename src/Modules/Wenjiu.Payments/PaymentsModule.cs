using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Web;
using Wenjiu.Payments.Contracts;
using Wenjiu.Payments.Features.Agencies;
using Wenjiu.Payments.Features.Payouts;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;
using Wenjiu.Payments.Features.Refunds;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Jobs;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Payments.Localization;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments;

/// <summary>
/// Payments (issue 9 §5–§7): the stable-job refund batch, HR-agency subsidies, and the payments they become — each
/// request paid at most once, each payment in at most one bank file.
/// </summary>
public static class PaymentsModule
{
    public const string Area = "Payments";

    /// <summary>The demo agencies the demo users <c>agency</c> (paid) and <c>agency2</c> (below the tier) act for.</summary>
    public static string DemoPaidAgencyUscc => Demo.PaymentsDemoData.PaidAgencyUscc;

    public static string DemoSmallAgencyUscc => Demo.PaymentsDemoData.SmallAgencyUscc;

    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Loaded now, so a broken parameter file stops the host at start-up with the file and parameter named.
        _ = RefundParameters.All;
        services.AddModuleDatabase<Data.PaymentsDbContext>(Data.PaymentsDbContext.Module, order: 400);
        services.AddModulePages(Area, AuthorizePages);
        services.AddCommandLineVerb("payouts", PayoutsCommand.Create);

        services.AddScoped<PaymentOrders>();
        services.AddScoped<PayoutExport>();
        services.AddScoped<PaymentQueries>();
        services.AddScoped<IEmployerPayments, EmployerPaymentsForModules>();

        services.AddCommandLineVerb("refunds", RefundsCommand.Create);
        services.AddScoped<RefundBatch>();
        services.AddScoped<RefundResults>();
        services.AddScoped<RefundReviews>();
        services.AddScoped<RefundExplanation>();
        services.AddScoped<DistressedApplications>();
        services.AddJob<RefundJob>(RefundJob.Kind, JobRetry.UpTo(3, TimeSpan.FromSeconds(30)));

        services.AddScoped<AgencySubsidies>();
        services.AddDemoData<Demo.PaymentsDemoData>();
        services.AddEventHandler<InsuredSpellStarted, ConfirmPlacementsOnNewSpell>();
        services.AddEventHandler<FunnelStageReached, PlaceOnReferralHire>();

        // Approved requests of this module's kinds become payments, once (ADR 0009, ADR 0016).
        services.AddEventHandler<ReviewDecided, PayApprovedRequests>();

        services.AddNavigationLinks(
            NavigationLink.To("nav-payments-refunds", typeof(PaymentsText), "Nav.Refunds", 400, "/Payments/Refunds", Permissions.ViewRefunds),
            NavigationLink.To("nav-payments", typeof(PaymentsText), "Nav.Payments", 420, "/Payments/Payouts", Permissions.ViewPayments),
            NavigationLink.To("nav-payments-agencies", typeof(PaymentsText), "Nav.Agencies", 430, "/Payments/Agencies", Permissions.ManageAgencies),
            NavigationLink.To("nav-payments-placements", typeof(PaymentsText), "Nav.Placements", 440, "/Payments/Placements", Permissions.RecordPlacements));
        return builder;
    }

    /// <summary>Which action of the permission table (docs/permissions.md) each payments page needs; forms need the stronger one.</summary>
    private static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaFolder(Area, "/Payouts", Permissions.ViewPayments);
        conventions.AuthorizeAreaFolder(Area, "/Refunds", Permissions.ViewRefunds);
        conventions.AuthorizeAreaFolder(Area, "/Agencies", Permissions.ManageAgencies);
        conventions.AuthorizeAreaFolder(Area, "/Placements", Permissions.RecordPlacements);
        conventions.AuthorizeAreaPageChanges(Area, "/Refunds/Index", Permissions.RunRefunds);
        conventions.AuthorizeAreaPageChanges(Area, "/Payouts/Index", Permissions.ManagePayouts);
        // The bank file holds account numbers in clear.
        conventions.AuthorizeAreaPage(Area, "/Payouts/Batch", Permissions.ManagePayouts);
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1/payments").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        PayoutEndpoints.Map(api);
        PlacementEndpoints.Map(api);
        return endpoints;
    }
}
