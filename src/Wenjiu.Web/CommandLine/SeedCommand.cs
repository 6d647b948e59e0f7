using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.SyntheticCity;

namespace Wenjiu.Web.CommandLine;

/// <summary><c>seed</c>: generate the synthetic city, then either write its files (<c>--out</c>) or import them.</summary>
internal static class SeedCommand
{
    public static async Task<int> RunAsync(WebApplication app, CityScale scale, int seed, DirectoryInfo? output, CancellationToken cancellationToken)
    {
        var directory = output?.FullName ?? Path.Combine(Path.GetTempPath(), $"wenjiu-seed-{Guid.NewGuid():N}");
        var (employers, spells) = CityFiles.Write(scale, seed, directory);
        await Console.Out.WriteLineAsync($"Generated the {scale.Name} city (seed {seed}): {employers:N0} employers, {spells:N0} spells.");
        if (output is not null)
        {
            await Console.Out.WriteLineAsync($"Wrote {Path.Combine(directory, CityFiles.EmployersFile)} and {Path.Combine(directory, CityFiles.EmploymentFile)}.");
            return 0;
        }

        try
        {
            await DatabaseMigrator.MigrateAsync(app.Services, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
            foreach (var (kind, file) in new[] { (ImportKind.Employers, CityFiles.EmployersFile), (ImportKind.Employment, CityFiles.EmploymentFile) })
            {
                var outcome = await importer.ImportAsync(kind, Path.Combine(directory, file), file, "system", cancellationToken);
                await Console.Out.WriteLineAsync($"{file}: {outcome.Status}, {outcome.RowsImported:N0} imported, {outcome.RowsRejected:N0} rejected.");
                if (outcome.Status != ImportStatus.Completed || outcome.RowsRejected > 0)
                {
                    return 1;
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
