using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Modules;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;

namespace Wenjiu.Registry.SyntheticCity;

/// <summary>Demo mode: the synthetic city at demo scale (<see cref="DemoCity"/>), imported once into an empty registry.</summary>
internal sealed class DemoCityData(RegistryDbContext registry, RegistryImporter importer, ILogger<DemoCityData> logger) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await registry.Employers.AnyAsync(cancellationToken))
        {
            return;
        }

        var directory = Path.Combine(Path.GetTempPath(), $"wenjiu-demo-{Guid.NewGuid():N}");
        try
        {
            var counts = CityFiles.WriteAll(CityScale.Demo, DemoCity.Seed, directory);
            logger.LogInformation(
                "Seeding the demo city: {Employers} employers, {Spells} spells, {Months} contribution months", counts.Employers, counts.Spells, counts.Contributions);
            await importer.ImportAsync(ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile), CityFiles.EmployersFile, "system", cancellationToken);
            await importer.ImportAsync(ImportKind.Employment, Path.Combine(directory, CityFiles.EmploymentFile), CityFiles.EmploymentFile, "system", cancellationToken);
            await importer.ImportAsync(ImportKind.Contributions, Path.Combine(directory, CityFiles.ContributionsFile), CityFiles.ContributionsFile, "system", cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
