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
using Wenjiu.Relief.Localization;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief;

/// <summary>Social-insurance relief (issue 3): the beijing-2020 rules as code, the calculator, the monthly assessment, deferrals.</summary>
public static class ReliefModule
{
    public const string Area = "Relief";

    public static WebApplicationBuilder AddRelief(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Loaded now, so a broken parameter file stops the host at start-up with the file and parameter named.
        builder.Services.AddSingleton(ReliefRuleSet.Beijing2020);
        builder.Services.TryAddSingleton(SmeSizeStandard.Default);
        builder.Services.AddDbContext<Data.ReliefDbContext>((sp, options) =>
            options.UseWenjiuDatabase(sp.GetRequiredService<DatabaseOptions>(), Data.ReliefDbContext.Module));

        builder.Services.AddScoped<MonthlyAssessment>();
        builder.Services.AddScoped<AssessmentQueries>();
        builder.Services.AddScoped<EmployerLines>();
        builder.Services.AddScoped<DeferralHandler>();
        builder.Services.AddSingleton<BackgroundAssessments>();
        builder.Services.AddHostedService<AssessmentWorker>();
        builder.Services.AddNavigationLinks(
            NavigationLink.To("nav-relief-assessments", typeof(AssessmentText), "Nav.Assessments", 300, "/Relief/Assessments", [.. Roles.Staff]),
            NavigationLink.To("nav-relief-deferrals", typeof(AssessmentText), "Nav.Deferrals", 310, "/Relief/Deferrals", [.. Roles.Staff]));
        return builder;
    }

    /// <summary>Who may open which relief page; the host authorises the area for signed-in users and calls this.</summary>
    public static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaFolder(Area, "/Assessments", Policies.Staff);
        conventions.AuthorizeAreaFolder(Area, "/Deferrals", Policies.Staff);
    }

    /// <param name="publicRateLimit">The host's rate-limit policy for anonymous public endpoints.</param>
    public static IEndpointRouteBuilder MapRelief(this IEndpointRouteBuilder endpoints, string publicRateLimit)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        CalculateReliefEndpoint.Map(endpoints, publicRateLimit);
        AssessmentEndpoints.Map(endpoints);
        return endpoints;
    }
}
