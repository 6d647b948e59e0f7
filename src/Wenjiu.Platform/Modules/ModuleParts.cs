using System.CommandLine;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;

namespace Wenjiu.Platform.Modules;

/// <summary>A module's DbContext, for the migrator: migrated in <see cref="Order"/> (a module after those it reads).</summary>
public sealed record ModuleDatabaseRegistration(string Module, Type ContextType, int Order);

/// <summary>A command-line verb a module offers (<c>wenjiu import …</c>); made when the command line is parsed.</summary>
public sealed record CommandLineVerb(string Name, Func<IServiceProvider, Command> Create);

/// <summary>
/// What a module registers in its one touch point (<c>AddX()</c>), so the host lists modules and nothing of their
/// insides (docs/modules/README.md): its database, its pages' authorization, its verbs. Explicit calls, no scanning.
/// </summary>
public static class ModuleParts
{
    /// <summary>The module's DbContext on the configured provider, in its schema, and known to the migrator.</summary>
    public static IServiceCollection AddModuleDatabase<TContext>(this IServiceCollection services, string module, int order)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) => options.UseWenjiuDatabase(sp.GetRequiredService<DatabaseOptions>(), module));
        services.AddSingleton(new ModuleDatabaseRegistration(module, typeof(TContext), order));
        return services;
    }

    /// <summary>Every module's DbContext from this scope, in migration order (the platform first).</summary>
    public static IEnumerable<DbContext> ModuleDatabases(this IServiceProvider scoped) =>
        scoped.GetServices<ModuleDatabaseRegistration>()
            .OrderBy(r => r.Order)
            .Select(r => (DbContext)scoped.GetRequiredService(r.ContextType));

    /// <summary>
    /// The module's page conventions: which action of the permission table (docs/permissions.md) each of its pages
    /// needs. The area itself is open to any signed-in user; the conventions narrow it.
    /// </summary>
    public static IServiceCollection AddModulePages(this IServiceCollection services, string area, Action<PageConventionCollection> authorize)
    {
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeAreaFolder(area, "/");
            authorize(options.Conventions);
        });
        return services;
    }

    public static IServiceCollection AddDemoData<TDemoData>(this IServiceCollection services)
        where TDemoData : class, IDemoData => services.AddScoped<IDemoData, TDemoData>();

    public static IServiceCollection AddCommandLineVerb(this IServiceCollection services, string name, Func<IServiceProvider, Command> create)
    {
        services.AddSingleton(new CommandLineVerb(name, create));
        return services;
    }
}

/// <summary>
/// A module's demo data, loaded at start-up in demo mode only (the embedded default), in the order the modules were
/// added; it must do nothing when its data is already there.
/// </summary>
public interface IDemoData
{
    Task SeedAsync(CancellationToken cancellationToken);
}
