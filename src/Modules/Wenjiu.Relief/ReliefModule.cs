using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Calculate;
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Features.Statements;
using Wenjiu.Relief.Features;
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

    /// <summary>Who may define and run scenarios: policy officers, and the administrator.</summary>
    public const string ScenarioPolicy = "ReliefScenarios";

    public static WebApplicationBuilder AddRelief(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Loaded now, so a broken parameter file stops the host at start-up with the file and parameter named.
        services.AddSingleton(ReliefRuleSet.Beijing2020);
        services.TryAddSingleton(SmeSizeStandard.Default);
        services.AddDbContext<Data.ReliefDbContext>((sp, options) =>
            options.UseWenjiuDatabase(sp.GetRequiredService<DatabaseOptions>(), Data.ReliefDbContext.Module));

        services.AddScoped<ReliefReportHandler>();
        services.AddScoped<EmployerStatementHandler>();
        services.AddScoped<ScenarioHandler>();
        services.AddScoped<ScenarioRunner>();
        services.AddScoped<ScenarioRunViewHandler>();
        services.AddSingleton<BackgroundScenarioRuns>();
        services.AddHostedService<ScenarioRunWorker>();

        services.AddAuthorizationBuilder()
            .AddPolicy(ScenarioPolicy, policy => policy.RequireRole(Roles.PolicyOfficer, Roles.Administrator));

        services.AddNavigationLinks(
            NavigationLink.To("nav-relief-dashboard", typeof(ReliefText), "Nav.Dashboard", 200, "/Relief/Dashboard", [.. Roles.Staff]),
            NavigationLink.To("nav-relief-reports", typeof(ReliefText), "Nav.Reports", 210, "/Relief/Reports", [.. Roles.Staff]),
            NavigationLink.To("nav-relief-scenarios", typeof(ReliefText), "Nav.Scenarios", 220, "/Relief/Scenarios", Roles.PolicyOfficer, Roles.Administrator),
            new NavigationLink("nav-relief-my-statement", typeof(ReliefText), "Nav.MyStatement", 200, [Roles.Enterprise],
                user => user.EmployerUscc() is { Length: > 0 } uscc ? $"/Relief/Statements/{uscc}" : null));
        // On the registry's employer page: its statements, for those who may see them (staff, or its own users).
        services.AddRecordLinks(new RecordLink(
            RegistryRecords.Employer, "employer-statements", typeof(ReliefText), "Link.EmployerStatements", 100,
            (user, uscc) => EmployerStatementHandler.CanSee(user, uscc) ? $"/Relief/Statements/{Uri.EscapeDataString(uscc)}" : null));
        services.AddScoped<MonthlyAssessment>();
        services.AddScoped<AssessmentQueries>();
        services.AddScoped<EmployerLines>();
        services.AddScoped<DeferralHandler>();
        services.AddSingleton<BackgroundAssessments>();
        services.AddHostedService<AssessmentWorker>();
        services.AddNavigationLinks(
            NavigationLink.To("nav-relief-assessments", typeof(AssessmentText), "Nav.Assessments", 300, "/Relief/Assessments", [.. Roles.Staff]),
            NavigationLink.To("nav-relief-deferrals", typeof(AssessmentText), "Nav.Deferrals", 310, "/Relief/Deferrals", [.. Roles.Staff]));
        return builder;
    }

    /// <summary>
    /// Who may open which relief page. The host authorises the area for signed-in users and calls this; the statement
    /// pages are open to enterprise users, whose handler then shows only their own employer (404 otherwise).
    /// </summary>
    public static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaFolder(Area, "/Dashboard", Policies.Staff);
        conventions.AuthorizeAreaFolder(Area, "/Reports", Policies.Staff);
        conventions.AuthorizeAreaFolder(Area, "/Statements", Policies.StaffOrEnterprise);
        conventions.AuthorizeAreaFolder(Area, "/Scenarios", ScenarioPolicy);
        conventions.AuthorizeAreaFolder(Area, "/Assessments", Policies.Staff);
        conventions.AuthorizeAreaFolder(Area, "/Deferrals", Policies.Staff);
    }

    /// <param name="publicRateLimit">The host's rate-limit policy for anonymous public endpoints.</param>
    public static IEndpointRouteBuilder MapRelief(this IEndpointRouteBuilder endpoints, string publicRateLimit)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        CalculateReliefEndpoint.Map(endpoints, publicRateLimit);
        ReliefApi.Map(endpoints);
        AssessmentEndpoints.Map(endpoints);
        return endpoints;
    }
}
