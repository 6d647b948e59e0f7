using System.Text.Json;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests;

/// <summary>The executable's verbs as a new user meets them (issue 7 §2): help, a mistyped verb, where import's contract is.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] Verbs = ["serve", "migrate", "seed", "import", "users", "audit", "relief", "report", "assess"];

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("-h")]
    public async Task Asking_for_help_prints_every_verb_and_exits_0(string help)
    {
        var (exitCode, output) = await Executable.RunAsync(help);

        Assert.Equal(0, exitCode);
        Assert.All(Verbs, verb => Assert.Contains($"  {verb}", output, StringComparison.Ordinal));
        Assert.DoesNotContain("listening", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_verb_is_an_error_naming_the_verbs_and_exits_2_without_serving()
    {
        var (exitCode, output) = await Executable.RunAsync("refundz");

        Assert.Equal(2, exitCode);
        Assert.Contains("'refundz' is not a wenjiu verb", output, StringComparison.Ordinal);
        Assert.All(Verbs, verb => Assert.Contains(verb, output, StringComparison.Ordinal));
        Assert.DoesNotContain("listening", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_help_points_to_the_interchange_contract_in_the_repository()
    {
        var (exitCode, output) = await Executable.RunAsync("import", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("docs/interchange.md", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "interchange.md")));
    }

    [Fact]
    public void No_document_of_the_repository_points_to_an_interchange_contract_outside_it()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Append(Path.Combine(Repository.Root, "README.md"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("shared/domain/interchange.md", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_launch_profile_neither_chooses_development_nor_overrides_the_address()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "src", "Wenjiu.Web", "Properties", "launchSettings.json")));

        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            // applicationUrl would become ASPNETCORE_URLS under dotnet run, replacing the one the user set.
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), $"{profile.Name} sets applicationUrl");
            if (profile.Value.TryGetProperty("environmentVariables", out var variables))
            {
                Assert.False(variables.TryGetProperty("ASPNETCORE_URLS", out _), $"{profile.Name} sets ASPNETCORE_URLS");
                Assert.False(variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out _), $"{profile.Name} sets ASPNETCORE_ENVIRONMENT over the user's");
                foreach (var variable in variables.EnumerateObject())
                {
                    Assert.NotEqual("Development", variable.Value.GetString());
                }
            }
        }
    }
}

/// <summary>The repository the tests were built from (the folder holding Wenjiu.slnx above the test binaries).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wenjiu.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Wenjiu.slnx above {AppContext.BaseDirectory}.");
    }
}
