using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Relief;

/// <summary>SQLite, the embedded demo database, assesses the same registry to the same bills as PostgreSQL.</summary>
public sealed class AssessmentSqliteTests
{
    [Fact]
    public async Task The_sqlite_path_bills_the_small_registry_as_computed_by_hand_and_re_runs_identically()
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-sqlite-").FullName;
        try
        {
            await using var sqlite = new WenjiuFactory($"Data Source={Path.Combine(directory, "wenjiu.db")}", new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" });
            await Web.DatabaseMigrator.MigrateAsync(sqlite.Services);
            var registry = await ArrangeAsync(sqlite);

            var first = await AssessAsync(sqlite, February);
            var second = await AssessAsync(sqlite, February);

            Assert.True(first.Completed, first.Message);
            var rows = (await RowsAsync(sqlite, first.RunId)).ToDictionary(r => r.Uscc);
            Assert.Equal(3, rows.Count);
            Expected.Equal(ExpectedA, rows[registry.A]);
            Expected.Equal(ExpectedB, rows[registry.B]);
            Expected.Equal(ExpectedC, rows[registry.C]);
            Assert.Equal((await RowsAsync(sqlite, first.RunId)).Select(Figures), (await RowsAsync(sqlite, second.RunId)).Select(Figures));
            Assert.Equal(second.RunId, (await CurrentRunAsync(sqlite, February))!.Id);

            // The per-person lines read the same registry there, each person masked by the registry.
            await using var scope = sqlite.Services.CreateAsyncScope();
            var lines = (await scope.ServiceProvider.GetRequiredService<EmployerLines>().CalculateAsync(registry.A, February, explain: false))!;
            Assert.Equal((rows[registry.A].EmployerRelief, rows[registry.A].EmployeePayable), (lines.Calculation.Totals.EmployerRelief, lines.Calculation.Totals.EmployeePayable));
            Assert.Equal(["张*", "张*"], lines.Employees.Select(e => e.MaskedName));
            Assert.All(lines.Employees, e => Assert.Matches(@"^\d{6}\*{8}\w{4}$", e.MaskedIdNumber));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
