using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;

namespace Wenjiu.Registry.SyntheticCity;

/// <summary><c>seed</c>: generate the synthetic city, then either write its files (<c>--out</c>) or import them.</summary>
internal static class SeedCommand
{
    public static Command Create(IServiceProvider services)
    {
        var scale = new Option<string>("--scale") { Description = "demo (about 2,000 employers) or city (about 615,000)", DefaultValueFactory = _ => "demo" };
        scale.AcceptOnlyFromAmong("demo", "city");
        var seed = new Option<int>("--seed") { Description = "generator seed: the same seed gives the same city", DefaultValueFactory = _ => 2020 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "write the three interchange files (employers, employment, contributions) here instead of loading them" };
        var command = new Command("seed", "Generate the synthetic city and load it (or write its files).") { scale, seed, output };
        command.SetAction(async (result, cancellationToken) =>
            await RunAsync(services, CityScale.Parse(result.GetValue(scale)!), result.GetValue(seed), result.GetValue(output), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IServiceProvider services, CityScale scale, int seed, DirectoryInfo? output, CancellationToken cancellationToken)
    {
        var directory = output?.FullName ?? Path.Combine(Path.GetTempPath(), $"wenjiu-seed-{Guid.NewGuid():N}");
        var counts = CityFiles.WriteAll(scale, seed, directory);
        var market = MarketFiles.Write(scale, seed, directory);
        await Console.Out.WriteLineAsync(
            $"Generated the {scale.Name} city (seed {seed}): {counts.Employers:N0} employers, {counts.Spells:N0} spells, {counts.Contributions:N0} contribution months, {market.Postings:N0} job postings, {market.Seekers:N0} job seekers.");
        if (output is not null)
        {
            await Console.Out.WriteLineAsync($"Wrote {string.Join(", ", CityFiles.Files.Concat([MarketFiles.PostingsFile, MarketFiles.SeekersFile]).Select(f => Path.Combine(directory, f)))}.");
            return 0;
        }

        try
        {
            await Wenjiu.Platform.Database.DatabaseMigrator.MigrateAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
            foreach (var (kind, file) in new[] { (ImportKind.Employers, CityFiles.EmployersFile), (ImportKind.Employment, CityFiles.EmploymentFile), (ImportKind.Contributions, CityFiles.ContributionsFile) })
            {
                var outcome = await importer.ImportAsync(kind, Path.Combine(directory, file), file, "system", cancellationToken);
                await Console.Out.WriteLineAsync($"{file}: {outcome.Status}, {outcome.RowsImported:N0} imported, {outcome.RowsRejected:N0} rejected.");
                if (outcome.Status != ImportStatus.Completed || outcome.RowsRejected > 0)
                {
                    return 1;
                }
            }

            // The labour market goes to the recruitment module, when the host has it, by its bulk path.
            if (scope.ServiceProvider.GetService<IMarketFiles>() is { } recruitment)
            {
                var loaded = await recruitment.LoadAsync(Path.Combine(directory, MarketFiles.PostingsFile), Path.Combine(directory, MarketFiles.SeekersFile), cancellationToken);
                await Console.Out.WriteLineAsync($"{MarketFiles.PostingsFile}, {MarketFiles.SeekersFile}: {loaded.Postings:N0} postings and {loaded.Seekers:N0} seekers loaded.");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
