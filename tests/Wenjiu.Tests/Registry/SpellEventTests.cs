using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Registry.ImportFiles;

namespace Wenjiu.Tests.Registry;

/// <summary>Issue 8 §4: the import tells other modules which insured spells started and ended, set-based in its merge.</summary>
public sealed class SpellEventTests
{
    private const string Header = "id_number,name,uscc,start_month,end_month,wage";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_first_load_publishes_nothing_and_a_reimport_publishes_the_spells_that_start_and_end(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", Employers);
        await factory.ImportAsync(ImportKind.Employment, "first.csv", Csv(Header,
            $"{Person1},张三,{EmployerA},2020-01,,8000",
            $"{Person2},李四,{EmployerB},2019-05,,6000"));
        var afterFirstLoad = await EventsAsync(factory);

        await factory.ImportAsync(ImportKind.Employment, "second.csv", Csv(Header,
            $"{Person1},张三,{EmployerA},2020-01,2021-06,8000", // ends
            $"{Person2},李四,{EmployerB},2019-05,,6500", // a new wage only: no event
            $"{Person3},王五,{EmployerA},2021-07,,7000")); // starts
        var afterReimport = await EventsAsync(factory);
        await factory.ImportAsync(ImportKind.Employment, "again.csv", Csv(Header,
            $"{Person1},张三,{EmployerA},2020-01,2021-06,8000",
            $"{Person2},李四,{EmployerB},2019-05,,6500",
            $"{Person3},王五,{EmployerA},2021-07,,7000"));
        var afterUnchanged = await EventsAsync(factory);

        Assert.Empty(afterFirstLoad);
        Assert.Equal(2, afterReimport.Count);
        var ended = EventJson.Deserialize<InsuredSpellEnded>(Assert.Single(afterReimport, m => m.Type == InsuredSpellEnded.EventType).Payload);
        Assert.Equal((EmployerA, new YearMonth(2020, 1), new YearMonth(2021, 6)), (ended.Uscc, ended.StartMonth, ended.EndMonth));
        var started = EventJson.Deserialize<InsuredSpellStarted>(Assert.Single(afterReimport, m => m.Type == InsuredSpellStarted.EventType).Payload);
        Assert.Equal((EmployerA, new YearMonth(2021, 7), (YearMonth?)null), (started.Uscc, started.StartMonth, started.EndMonth));
        Assert.NotEqual(ended.PersonId, started.PersonId);
        Assert.Equal(2, afterUnchanged.Count);
    }

    private static async Task<List<OutboxMessage>> EventsAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type.StartsWith("registry.")).OrderBy(m => m.Id).ToListAsync();
    }
}
