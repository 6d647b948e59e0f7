using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Modules;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Ledger;

/// <summary>The ledger's demo data: designated employers of every category, lines in several districts given to both demo specialists, once.</summary>
public sealed class LedgerDemoDataTests
{
    [Fact]
    public async Task The_demo_designates_registered_employers_of_each_category_with_lines_for_both_specialists_once()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        for (var i = 0; i < 8; i++)
        {
            await RegistryData.AddEmployerAsync(factory, $"演示企业{i}");
        }

        await SeedAsync(factory);
        await SeedAsync(factory);

        var (designations, lines) = await LedgerData.QueryAsync(factory, async db => (await db.KeyEnterprises.ToListAsync(), await db.Lines.ToListAsync()));
        Assert.Equal(8, designations.Count);
        Assert.Equal(4, designations.Select(d => d.Category).Distinct().Count());
        Assert.True(lines.Select(l => l.District).Distinct().Count() >= 5);
        Assert.Equal(["specialist", "specialist2"], lines.Select(l => l.Specialist!).Distinct().Order());
        Assert.True(await LedgerData.QueryAsync(factory, db => db.Funnel.AnyAsync()));
    }

    private static async Task SeedAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IDemoData>().Single(d => d.GetType().Name == "LedgerDemoData").SeedAsync(CancellationToken.None);
    }
}
