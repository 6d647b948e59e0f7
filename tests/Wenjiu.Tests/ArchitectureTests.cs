using System.Reflection;

namespace Wenjiu.Tests;

/// <summary>Modules talk to each other only through their .Contracts projects (STYLE.md); plumbing never depends on a module.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly[] ModuleAssemblies =
    [
        typeof(Wenjiu.Registry.RegistryModule).Assembly,
        typeof(Wenjiu.Relief.ReliefModule).Assembly,
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

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);
}
