using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Files;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
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
        services.AddModuleDatabase<RegistryDbContext>(RegistryDbContext.Module, order: 100);
        services.AddModulePages(Area, AuthorizePages);
        services.AddCommandLineVerb("import", ImportCommand.Create);
        services.AddFileKind(StartImportHandler.ImportFileKind);
        services.AddCommandLineVerb("seed", SyntheticCity.SeedCommand.Create);
        services.AddDemoData<SyntheticCity.DemoCityData>();
        services.AddDemoData<SyntheticCity.DemoMarketData>();
        services.AddScoped<IEmployerDirectory, Features.EmployerDirectory.EmployerDirectory>();
        services.AddSingleton(SmeSizeStandard.Default);
        services.AddScoped<RegistryImporter>();
        services.AddSingleton<ImportMetrics>();
        services.AddSingleton<BackgroundImports>();
        services.AddJob<ImportJob>(ImportJob.Kind, JobRetry.UpTo(3, TimeSpan.FromSeconds(30)));

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

        // Issue 9: the contribution history (stable-job refunds), insured employment as evidence of a placement (agency
        // subsidies) and the size class fixed for the policy period (objections).
        services.AddScoped<IContributionHistory, Features.ContributionHistory.ContributionHistoryReader>();
        services.AddScoped<IPlacementEvidence, Features.Placements.PlacementEvidenceLookup>();
        services.AddScoped<IPolicySizeClasses, Features.SizeClassPolicy.PolicySizeClasses>();

        // Issue 10 §2: one person record per identity number, whichever module registers the person.
        services.AddScoped<IPersonRecords, Features.PersonRecords.PersonRecords>();

        // The employer page shows the links other modules offer on an employer (the relief statements, …).
        services.AddRecordLinks();
        services.AddNavigationLinks(
            NavigationLink.To("nav-registry-employers", typeof(RegistryText), "Nav.Employers", 100, "/Registry/Employers", Permissions.SearchEmployers),
            NavigationLink.To("nav-registry-persons", typeof(RegistryText), "Nav.Persons", 110, "/Registry/Persons/Lookup", Permissions.LookUpPerson),
            NavigationLink.To("nav-registry-lookup-alerts", typeof(RegistryText), "Nav.LookupAlerts", 190, "/Registry/Persons/Alerts", Permissions.ViewAudit),
            NavigationLink.To("nav-registry-imports", typeof(RegistryText), "Nav.Imports", 120, "/Registry/Imports", Permissions.ViewImports),
            NavigationLink.ToOwnEmployer("nav-registry-my-employer", typeof(RegistryText), "Nav.MyEmployer", 100, Permissions.ViewEmployer, uscc => $"/Registry/Employers/Detail/{uscc}"));
        return builder;
    }

    /// <summary>
    /// Which action of the permission table (docs/permissions.md) each registry page needs (the area is open to
    /// signed-in users, <see cref="ModuleParts.AddModulePages"/>); the employer page is open to enterprise users for their own
    /// employer, whose handler then shows them only that one (404 otherwise).
    /// </summary>
    private static void AuthorizePages(PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeAreaPage(Area, "/Employers/Index", Permissions.SearchEmployers);
        conventions.AuthorizeAreaPage(Area, "/Employers/Edit", Permissions.EditEmployer);
        conventions.AuthorizeAreaPage(Area, "/Employers/Detail", Permissions.ViewEmployer);
        conventions.AuthorizeAreaFolder(Area, "/Persons", Permissions.LookUpPerson);
        // The look-up alerts (quota overruns) are the audit's: the administrator's alone.
        conventions.AuthorizeAreaPage(Area, "/Persons/Alerts", Permissions.ViewAudit);
        conventions.AuthorizeAreaFolder(Area, "/Imports", Permissions.ViewImports);
        conventions.AuthorizeAreaPageChanges(Area, "/Imports/Index", Permissions.ImportFiles);
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapRegistryApi();
    }
}
