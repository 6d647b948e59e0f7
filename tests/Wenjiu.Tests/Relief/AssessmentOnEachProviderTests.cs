using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// Each provider (SQLite, the embedded demo database, and PostgreSQL) bills the small registry as computed by hand, re-runs
/// it to the same rows, and recomputes the per-person lines from the same registry.
/// </summary>
public sealed class AssessmentOnEachProviderTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_small_registry_is_billed_as_computed_by_hand_and_re_runs_identically(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var registry = await ArrangeAsync(factory);

        var first = await AssessAsync(factory, February);
        var second = await AssessAsync(factory, February);

        Assert.True(first.Completed, first.Message);
        var rows = (await RowsAsync(factory, first.RunId)).ToDictionary(r => r.Uscc);
        Assert.Equal(3, rows.Count);
        Expected.Equal(ExpectedA, rows[registry.A]);
        Expected.Equal(ExpectedB, rows[registry.B]);
        Expected.Equal(ExpectedC, rows[registry.C]);
        Assert.Equal((await RowsAsync(factory, first.RunId)).Select(Figures), (await RowsAsync(factory, second.RunId)).Select(Figures));
        Assert.Equal(second.RunId, (await CurrentRunAsync(factory, February))!.Id);

        // The per-person lines read the same registry there, each person masked by the registry.
        await using var scope = factory.Services.CreateAsyncScope();
        var lines = (await scope.ServiceProvider.GetRequiredService<EmployerLines>().CalculateAsync(registry.A, February, explain: false))!;
        Assert.Equal((rows[registry.A].EmployerRelief, rows[registry.A].EmployeePayable), (lines.Calculation.Totals.EmployerRelief, lines.Calculation.Totals.EmployeePayable));
        Assert.Equal(["张*", "张*"], lines.Employees.Select(e => e.MaskedName));
        Assert.All(lines.Employees, e => Assert.Matches(@"^\d{6}\*{8}\w{4}$", e.MaskedIdNumber));
    }
}
