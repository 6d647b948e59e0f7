using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.EditEmployer;
using Wenjiu.Registry.Features.EmployerDetail;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.Features.LookupPerson;
using Wenjiu.Registry.Features.SearchEmployers;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry;

/// <summary>The registry of employers, persons and insured employment (brief §1).</summary>
public static class RegistryModule
{
    public const string Area = "Registry";

    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddDbContext<RegistryDbContext>((sp, options) =>
            options.UseWenjiuDatabase(sp.GetRequiredService<DatabaseOptions>(), RegistryDbContext.Module));
        services.AddSingleton(SmeSizeStandard.Default);
        services.AddScoped<RegistryImporter>();
        services.AddSingleton<BackgroundImports>();
        services.AddHostedService<ImportWorker>();

        services.AddScoped<SearchEmployersHandler>();
        services.AddScoped<EmployerDetailHandler>();
        services.AddScoped<EditEmployerHandler>();
        services.AddScoped<LookupPersonHandler>();
        services.AddScoped<LookupAlertsHandler>();
        services.AddOptions<PersonLookupOptions>().BindConfiguration(PersonLookupOptions.Section)
            .Validate(o => o.HourlyLimit >= 1, "Registry:PersonLookup:HourlyLimit must be at least 1.").ValidateOnStart();
        services.AddScoped<StartImportHandler>();
        services.AddScoped<ImportProgressHandler>();

        // Offered to other modules through Wenjiu.Registry.Contracts: what they may read of insured employment (the
        // relief assessment, statements and scenarios), without touching the tables.
        services.AddScoped<IInsuredEmploymentSource, Features.InsuredEmployment.InsuredEmploymentSource>();

        // The employer page shows the links other modules offer on an employer (the relief statements, …).
        services.AddRecordLinks();
        services.AddNavigationLinks(
            NavigationLink.To("nav-registry-employers", typeof(RegistryText), "Nav.Employers", 100, "/Registry/Employers", [.. Roles.Staff]),
            NavigationLink.To("nav-registry-persons", typeof(RegistryText), "Nav.Persons", 110, "/Registry/Persons/Lookup", [.. Roles.Staff]),
            NavigationLink.To("nav-registry-lookup-alerts", typeof(RegistryText), "Nav.LookupAlerts", 190, "/Registry/Persons/Alerts", [Roles.Administrator]),
            NavigationLink.To("nav-registry-imports", typeof(RegistryText), "Nav.Imports", 120, "/Registry/Imports", [.. Roles.Staff]),
            new NavigationLink("nav-registry-my-employer", typeof(RegistryText), "Nav.MyEmployer", 100, [Roles.Enterprise],
                user => user.EmployerUscc() is { Length: > 0 } uscc ? $"/Registry/Employers/Detail/{uscc}" : null));
        return builder;
    }

    /// <summary>
    /// Who may open which registry page, beside the pages themselves. The host authorises the whole area for signed-in
    /// users and calls this; the employer page is open to enterprise users, whose handler then shows only their own.
    /// </summary>
    public static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaPage(Area, "/Employers/Index", Policies.Staff);
        conventions.AuthorizeAreaPage(Area, "/Employers/Edit", Policies.Staff);
        conventions.AuthorizeAreaPage(Area, "/Employers/Detail", Policies.StaffOrEnterprise);
        conventions.AuthorizeAreaFolder(Area, "/Persons", Policies.Staff);
        conventions.AuthorizeAreaPage(Area, "/Persons/Alerts", Policies.Administrator);
        conventions.AuthorizeAreaFolder(Area, "/Imports", Policies.Staff);
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapRegistryApi();
    }
}
