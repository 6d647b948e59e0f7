using System.Reflection;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Wenjiu.Tests;

/// <summary>Modules talk to each other only through their .Contracts projects (STYLE.md); plumbing never depends on a module.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly[] ModuleAssemblies =
    [
        typeof(Wenjiu.Registry.RegistryModule).Assembly,
        typeof(Wenjiu.Relief.ReliefModule).Assembly,
        typeof(Wenjiu.Payments.PaymentsModule).Assembly,
        typeof(Wenjiu.Reviews.ReviewsModule).Assembly,
        typeof(Wenjiu.Recruitment.RecruitmentModule).Assembly,
        typeof(Wenjiu.Ledger.LedgerModule).Assembly,
    ];

    public static TheoryData<string> Modules() => new(ModuleAssemblies.Select(a => a.GetName().Name!));

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_no_other_module_except_its_contracts(string module)
    {
        var assembly = ModuleAssemblies.Single(a => a.GetName().Name == module);
        var forbidden = References(assembly)
            .Where(name => name.StartsWith("Wenjiu.", StringComparison.Ordinal))
            .Where(name => name != "Wenjiu.Platform" && !name.EndsWith(".Contracts", StringComparison.Ordinal))
            .ToList();

        Assert.True(forbidden.Count == 0, $"{module} references {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void The_platform_references_no_module()
    {
        var references = References(typeof(Wenjiu.Platform.PlatformModule).Assembly).Where(n => n.StartsWith("Wenjiu.", StringComparison.Ordinal) || n == "wenjiu").ToList();

        Assert.Empty(references);
    }

    [Fact]
    public void Every_module_assembly_is_listed_here()
    {
        var onDisk = Directory.GetFiles(AppContext.BaseDirectory, "Wenjiu.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not ("Wenjiu.Platform" or "Wenjiu.Tests" or "Wenjiu.Migrations.Postgres" or "Wenjiu.Migrations.Sqlite") && !n!.EndsWith(".Contracts", StringComparison.Ordinal))
            .Order();

        Assert.Equal(onDisk, ModuleAssemblies.Select(a => a.GetName().Name).Order());
    }

    private static readonly Assembly[] ContractAssemblies =
    [
        typeof(Wenjiu.Registry.Contracts.IEmployerDirectory).Assembly,
        typeof(Wenjiu.Relief.Contracts.IDeferralInput).Assembly,
        typeof(Wenjiu.Reviews.Contracts.IReviewRequests).Assembly,
        typeof(Wenjiu.Recruitment.Contracts.OccupationTaxonomy).Assembly,
        typeof(Wenjiu.Ledger.Contracts.IDemandLedger).Assembly,
        typeof(Wenjiu.Payments.Contracts.IEmployerPayments).Assembly,
    ];

    private static readonly Assembly Host = typeof(Wenjiu.Web.WebSetup).Assembly;

    public static TheoryData<string> Contracts() => new(ContractAssemblies.Select(a => a.GetName().Name!));

    [Theory]
    [MemberData(nameof(Contracts))]
    public void A_contracts_assembly_references_no_module(string contracts)
    {
        var assembly = ContractAssemblies.Single(a => a.GetName().Name == contracts);
        var forbidden = References(assembly)
            .Where(name => name.StartsWith("Wenjiu.", StringComparison.Ordinal) || name == "wenjiu")
            .Where(name => name != "Wenjiu.Platform" && !name.EndsWith(".Contracts", StringComparison.Ordinal))
            .ToList();

        Assert.True(forbidden.Count == 0, $"{contracts} references {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void Every_contracts_assembly_is_listed_here()
    {
        var onDisk = Directory.GetFiles(AppContext.BaseDirectory, "Wenjiu.*.Contracts.dll").Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(onDisk, ContractAssemblies.Select(a => a.GetName().Name).Order());
    }

    [Fact]
    public void The_host_uses_no_modules_DbContext()
    {
        var contexts = ModuleAssemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsSubclassOf(typeof(DbContext))).Select(t => t.FullName!).ToArray();

        var result = Types.InAssembly(Host).ShouldNot().HaveDependencyOnAny(contexts).GetResult();

        Assert.NotEmpty(contexts);
        Assert.True(result.IsSuccessful, "The host reads a module's tables in: " + Failing(result));
    }

    /// <summary>
    /// The host lists modules (their <c>AddX()</c>/<c>MapX()</c> class in the module's root namespace) and uses their
    /// contracts; nothing of their insides: no feature, page, domain type or DbContext.
    /// </summary>
    [Fact]
    public void The_host_uses_nothing_of_a_module_but_its_module_class_and_contracts()
    {
        var insides = ModuleInternalNamespaces();

        var result = Types.InAssembly(Host).ShouldNot().HaveDependencyOnAny(insides).GetResult();

        Assert.True(result.IsSuccessful, "The host uses a module's insides in: " + Failing(result));
    }

    /// <summary>The rules above would catch a violation: the test suite's own registry helpers do read the registry's tables.</summary>
    [Fact]
    public void The_dependency_rule_sees_a_use_of_a_modules_insides()
    {
        var result = Types.InAssembly(typeof(ArchitectureTests).Assembly)
            .That().HaveName(nameof(Registry.RegistryData))
            .ShouldNot().HaveDependencyOnAny(ModuleInternalNamespaces()).GetResult();

        Assert.False(result.IsSuccessful);
    }

    /// <summary>A module's only public type is its <c>XModule</c> class (its one touch point); the rest is internal (docs/modules/README.md).</summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void A_modules_only_public_type_is_its_module_class(string module)
    {
        var assembly = ModuleAssemblies.Single(a => a.GetName().Name == module);

        var exported = assembly.GetExportedTypes().Select(t => t.FullName!).ToList();

        Assert.Equal([$"{module}.{module["Wenjiu.".Length..]}Module"], exported);
    }

    /// <summary>What a contracts project offers lives in its own namespace, <c>Wenjiu.X.Contracts</c> (not the module's <c>Domain</c>).</summary>
    [Theory]
    [MemberData(nameof(Contracts))]
    public void A_contracts_assemblys_types_live_in_its_contracts_namespace(string contracts)
    {
        var assembly = ContractAssemblies.Single(a => a.GetName().Name == contracts);

        var elsewhere = assembly.GetExportedTypes().Where(t => t.Namespace is not { } ns || !(ns == contracts || ns.StartsWith(contracts + ".", StringComparison.Ordinal))).Select(t => t.FullName).ToList();

        Assert.True(elsewhere.Count == 0, $"{contracts} has types outside its namespace: {string.Join(", ", elsewhere)}");
    }

    /// <summary>Months are <c>YearMonth</c> in every module's tables, one EF converter for all (no <c>int</c> yyyymm columns with their own helpers).</summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void Every_month_a_modules_entities_hold_is_a_YearMonth(string module)
    {
        var assembly = ModuleAssemblies.Single(a => a.GetName().Name == module);
        var entities = assembly.GetTypes().Where(t => t.Namespace == module + ".Domain" && t.IsClass && !t.IsAbstract && t.GetProperty("Id") is not null || t.Name == "EmploymentSpell");

        var intMonths = entities
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.Name.EndsWith("Month", StringComparison.Ordinal) && (x.Property.PropertyType == typeof(int) || x.Property.PropertyType == typeof(int?)))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();

        Assert.True(intMonths.Count == 0, $"{module} stores months as int: {string.Join(", ", intMonths)}");
    }

    /// <summary>One resource file per module (<c>Localization/XText.resx</c> with its English twin): one place to look for a page's words.</summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_has_one_resource_file(string module)
    {
        var assembly = ModuleAssemblies.Single(a => a.GetName().Name == module);

        var resources = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)).ToList();

        Assert.Equal([$"{module}.Localization.{module["Wenjiu.".Length..]}Text.resources"], resources);
    }

    /// <summary>Constructor injection everywhere: no module code looks services up from <c>HttpContext.RequestServices</c>.</summary>
    [Fact]
    public void No_module_looks_up_services_from_RequestServices()
    {
        var modules = Path.Combine(RepositoryRoot(), "src", "Modules");

        var lookups = Directory.EnumerateFiles(modules, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("RequestServices", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(modules, f))
            .ToList();

        Assert.True(lookups.Count == 0, "Service look-ups in: " + string.Join(", ", lookups));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wenjiu.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Wenjiu.slnx) is not above " + AppContext.BaseDirectory);
    }

    private static string[] ModuleInternalNamespaces() =>
        ModuleAssemblies
            .SelectMany(a => a.GetTypes().Select(t => t.Namespace).Where(n => n is not null && n.StartsWith(a.GetName().Name! + ".", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Select(n => n!)
            .ToArray();

    private static string Failing(TestResult result) => string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []);

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);
}
