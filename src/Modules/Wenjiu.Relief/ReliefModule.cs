using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Calculate;
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Features.Statements;
using Microsoft.AspNetCore.Http;
using Wenjiu.Relief.Localization;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief;

/// <summary>
/// Social-insurance relief (issue 3): the beijing-2020 rules as code, the one-employer calculator, the monthly assessment,
/// deferrals, the reports and the dashboard, the enterprise's statement and the what-if scenarios.
/// </summary>
public static class ReliefModule
{
    public const string Area = "Relief";

    public static WebApplicationBuilder AddRelief(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Loaded now, so a broken parameter file stops the host at start-up with the file and parameter named.
        services.AddSingleton(ReliefRuleSet.Beijing2020);
        services.AddModulePages(Area, AuthorizePages);
        services.AddCommandLineVerb("relief", ReliefCommand.Create);
        services.AddCommandLineVerb("report", ReportCommand.Create);
        services.AddCommandLineVerb("assess", AssessCommand.Create);
        services.TryAddSingleton(SmeSizeStandard.Default);
        services.AddModuleDatabase<Data.ReliefDbContext>(Data.ReliefDbContext.Module, order: 200);

        services.AddScoped<ReliefReportHandler>();
        services.AddScoped<EmployerStatementHandler>();
        services.AddScoped<ScenarioHandler>();
        services.AddScoped<ScenarioRunner>();
        services.AddScoped<ScenarioRunViewHandler>();
        services.AddJob<ScenarioRunJob>(ScenarioRunJob.Kind, JobRetry.UpTo(3, TimeSpan.FromSeconds(30)));

        services.AddNavigationLinks(
            NavigationLink.To("nav-relief-dashboard", typeof(ReliefText), "Nav.Dashboard", 200, "/Relief/Dashboard", Permissions.ViewReports),
            NavigationLink.To("nav-relief-reports", typeof(ReliefText), "Nav.Reports", 210, "/Relief/Reports", Permissions.ViewReports),
            NavigationLink.To("nav-relief-scenarios", typeof(ReliefText), "Nav.Scenarios", 220, "/Relief/Scenarios", Permissions.Scenarios),
            NavigationLink.To("nav-relief-statements", typeof(ReliefText), "Nav.Statements", 230, "/Relief/Statements", Permissions.ViewStatements),
            NavigationLink.ToOwnEmployer("nav-relief-my-statement", typeof(ReliefText), "Nav.MyStatement", 200, Permissions.ViewStatements, uscc => $"/Relief/Statements/{uscc}"));
        // On the registry's employer page: its statements, for those who may see them (ViewStatements, or its own users).
        services.AddRecordLinks(new RecordLink(
            RegistryRecords.Employer, "employer-statements", typeof(ReliefText), "Link.EmployerStatements", 100,
            (user, uscc) => user.MayFor(Permissions.ViewStatements, uscc) ? $"/Relief/Statements/{Uri.EscapeDataString(uscc)}" : null));
        services.AddScoped<MonthlyAssessment>();
        services.AddSingleton<AssessmentMetrics>();
        services.AddScoped<AssessmentQueries>();
        services.AddScoped<EmployerLines>();
        services.AddScoped<DeferralHandler>();
        services.AddScoped<BackgroundAssessments>();
        services.AddJob<AssessmentJob>(AssessmentJob.Kind, JobRetry.UpTo(3, TimeSpan.FromSeconds(30)));

        // Offered to other modules through Wenjiu.Relief.Contracts: deferrals as an input, assessed months as results.
        services.AddScoped<IDeferralInput, DeferralInputForModules>();
        services.AddScoped<IAssessmentResults, AssessmentResultsForModules>();
        services.AddSingleton<IReliefCategories, ReliefCategoriesForModules>();

        // Events it acts on (ADR 0009) and the notifications they send (ADR 0010).
        services.AddEventHandler<DeferralRecorded, TellEmployerUsers>();
        services.AddEventHandler<DeferralRevoked, TellEmployerUsers>();
        services.AddEventHandler<AssessmentCompleted, TellWhoStartedAssessment>();
        services.AddEventHandler<EmployerReclassified, ReassessOnReclassification>();
        services.AddNotificationKinds(
            new NotificationKind(TellEmployerUsers.RecordedKind, typeof(ReliefText), "Notification.DeferralRecorded", 200),
            new NotificationKind(TellEmployerUsers.RevokedKind, typeof(ReliefText), "Notification.DeferralRevoked", 210),
            new NotificationKind(TellWhoStartedAssessment.Kind, typeof(ReliefText), "Notification.AssessmentCompleted", 220));
        services.AddNavigationLinks(
            NavigationLink.To("nav-relief-assessments", typeof(ReliefText), "Nav.Assessments", 300, "/Relief/Assessments", Permissions.ViewAssessments),
            NavigationLink.To("nav-relief-deferrals", typeof(ReliefText), "Nav.Deferrals", 310, "/Relief/Deferrals", Permissions.ViewDeferrals));
        return builder;
    }

    /// <summary>
    /// Which action of the permission table (docs/permissions.md) each relief page needs (the area is open to signed-in
    /// users, <see cref="ModuleParts.AddModulePages"/>); the statement pages are open to enterprise users for their own employer,
    /// whose handler then shows them only that one (404 otherwise). The assessment and deferral pages show to more
    /// roles than may change anything there: their forms need the stronger action.
    /// </summary>
    private static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaFolder(Area, "/Dashboard", Permissions.ViewReports);
        conventions.AuthorizeAreaFolder(Area, "/Reports", Permissions.ViewReports);
        conventions.AuthorizeAreaFolder(Area, "/Statements", Permissions.ViewStatements);
        conventions.AuthorizeAreaFolder(Area, "/Scenarios", Permissions.Scenarios);
        conventions.AuthorizeAreaFolder(Area, "/Assessments", Permissions.ViewAssessments);
        conventions.AuthorizeAreaPageChanges(Area, "/Assessments/Index", Permissions.RunAssessment);
        conventions.AuthorizeAreaFolder(Area, "/Deferrals", Permissions.ViewDeferrals);
        conventions.AuthorizeAreaPageChanges(Area, "/Deferrals/Index", Permissions.RecordDeferrals);
    }

    /// <param name="publicRateLimit">The host's rate-limit policy for anonymous public endpoints.</param>
    public static IEndpointRouteBuilder MapRelief(this IEndpointRouteBuilder endpoints, string publicRateLimit)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        CalculateReliefEndpoint.Map(endpoints, publicRateLimit);
        var api = endpoints.MapGroup("/api/v1/relief").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        AssessmentEndpoints.Map(api);
        DeferralEndpoints.Map(api);
        ReliefReportEndpoint.Map(api);
        ScenarioRunEndpoint.Map(api);
        return endpoints;
    }
}
