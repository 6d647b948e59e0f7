using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary><c>seed</c> writes the city's three files, and they import whole: the history keeps the import's rules.</summary>
public sealed class SeedHistoryTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Seed_out_writes_three_files_that_import_without_a_rejected_row_and_agree_with_each_other(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var directory = new DirectoryInfo(Path.Combine(factory.DataDirectory, "seeded"));

        var exit = await SeedCommand.RunAsync(factory.Services, new CityScale("test", 60), 2020, directory, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal(CityFiles.Files.Concat([MarketFiles.PostingsFile, MarketFiles.SeekersFile]).Order(StringComparer.Ordinal), directory.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
        var outcomes = new List<(ImportStatus, long)>();
        foreach (var (kind, file) in new[] { (ImportKind.Employers, CityFiles.EmployersFile), (ImportKind.Employment, CityFiles.EmploymentFile), (ImportKind.Contributions, CityFiles.ContributionsFile) })
        {
            var outcome = await factory.ImportFileAsync(kind, Path.Combine(directory.FullName, file), file);
            outcomes.Add((outcome.Status, outcome.RowsRejected));
        }

        Assert.All(outcomes, o => Assert.Equal((ImportStatus.Completed, 0L), o));

        // A month's billed headcount is the number of spells covering it, as the registry counts them.
        var month = new YearMonth(2019, 12);
        var billed = await RegistryData.QueryAsync(factory, db => db.Contributions.AsNoTracking().Where(c => c.Month == month).ToDictionaryAsync(c => c.EmployerUscc, c => c.Insured));
        var covered = await RegistryData.QueryAsync(factory, db => db.EmploymentSpells.AsNoTracking()
            .Where(s => s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month))
            .GroupBy(s => s.EmployerUscc).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(covered.OrderBy(c => c.Key, StringComparer.Ordinal), billed.OrderBy(c => c.Key, StringComparer.Ordinal));
    }
}
