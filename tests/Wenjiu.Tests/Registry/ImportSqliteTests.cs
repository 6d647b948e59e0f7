using Wenjiu.Platform.Database;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>SQLite, the embedded demo database, imports the same files with the same outcome as PostgreSQL.</summary>
public sealed class ImportSqliteTests
{
    // One provider each, side by side: the test compares SQLite's outcome with PostgreSQL's on the same files.
    [Fact]
    public async Task The_sqlite_store_imports_the_mixed_files_exactly_as_postgresql_does()
    {
        await using var postgres = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        await using var sqlite = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);

        var results = new List<(string Outcomes, string Reports, string Content)>();
        foreach (var factory in new[] { postgres, sqlite })
        {
            var outcomes = new[]
            {
                await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers),
                await factory.ImportAsync(ImportKind.Employment, "registered.csv", ImportFiles.RegisteredEmployment),
                await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Employment),
                await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Employment),
            };
            var reports = new List<(long, string, string, string)[]>();
            foreach (var outcome in outcomes)
            {
                reports.Add(await factory.ReportAsync(outcome.RunId));
            }

            results.Add((
                string.Join(";", outcomes.Select(o => $"{o.Status} {o.RowsRead} {o.RowsImported} {o.RowsRejected}")),
                string.Join("\n", reports.SelectMany(r => r).Select(r => r.ToString())),
                string.Join("\n", await factory.ContentAsync())));
        }

        Assert.Equal("Completed 17 3 14;Completed 2 2 0;Completed 20 6 14;Completed 20 6 14", results[0].Outcomes);
        Assert.Equal(results[0].Outcomes, results[1].Outcomes);
        Assert.Equal(results[0].Reports, results[1].Reports);
        Assert.Equal(results[0].Content, results[1].Content);
    }
}
