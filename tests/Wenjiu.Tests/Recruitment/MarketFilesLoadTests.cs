using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using static Wenjiu.Tests.Recruitment.RecruitmentData;

namespace Wenjiu.Tests.Recruitment;

/// <summary><c>seed</c>'s labour market loaded by recruitment's bulk path (issue 10 §6).</summary>
public sealed class MarketFilesLoadTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_seeded_postings_keep_the_files_ids_and_statuses_with_their_employers_names_and_one_change_each(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, NoDispatch);
        var directory = Path.Combine(factory.DataDirectory, "market");
        var scale = new CityScale("test", 40);
        CityFiles.WriteEmployers(scale, 2020, directory);
        MarketFiles.Write(scale, 2020, directory);
        var imported = await factory.ImportFileAsync(ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile), CityFiles.EmployersFile);
        Assert.Equal(ImportStatus.Completed, imported.Status);
        var file = File.ReadLines(Path.Combine(directory, MarketFiles.PostingsFile)).Skip(1).Select(l => l.Split(',')).ToList();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<IMarketFiles>().LoadAsync(Path.Combine(directory, MarketFiles.PostingsFile), Path.Combine(directory, MarketFiles.SeekersFile));
            Assert.Equal(file.Count, loaded.Postings);
        }

        var stored = await RecruitmentAsync(factory, db => db.Postings.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Status, p.Uscc, p.EmployerName, p.TitleZh }).ToListAsync());
        Assert.Equal(file.Select(f => (long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[10] == "open" ? PostingStatus.Open : PostingStatus.Closed, f[1], f[2])),
            stored.Select(p => (p.Id, p.Status, p.Uscc, p.TitleZh)));
        Assert.All(stored, p => Assert.NotEqual(p.Uscc, p.EmployerName));
        Assert.Equal(stored.Select(p => p.Id), await RecruitmentAsync(factory, db => db.PostingChanges.AsNoTracking().OrderBy(c => c.PostingId).Select(c => c.PostingId).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_seeded_seekers_keep_the_files_ids_with_one_registry_person_each_and_their_numbers_only_in_the_registry(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, NoDispatch);
        var directory = Path.Combine(factory.DataDirectory, "market");
        var scale = new CityScale("test", 60);
        CityFiles.WriteEmployers(scale, 2020, directory);
        MarketFiles.Write(scale, 2020, directory);
        var imported = await factory.ImportFileAsync(ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile), CityFiles.EmployersFile);
        Assert.Equal(ImportStatus.Completed, imported.Status);
        var file = File.ReadLines(Path.Combine(directory, MarketFiles.SeekersFile)).Skip(1).Select(l => l.Split(',')).ToList();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<IMarketFiles>().LoadAsync(Path.Combine(directory, MarketFiles.PostingsFile), Path.Combine(directory, MarketFiles.SeekersFile));
            Assert.Equal(file.Count, loaded.Seekers);
        }

        var seekers = await RecruitmentAsync(factory, db => db.Seekers.AsNoTracking().OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(file.Select(f => (long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), f[2])), seekers.Select(s => (s.Id, s.Name)));
        Assert.Equal(seekers.Count, seekers.Select(s => s.PersonId).Distinct().Count());
        var births = await RegistryData.QueryAsync(factory, db => db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.BirthDate));
        Assert.All(seekers.Zip(file), pair => Assert.Equal(Wenjiu.Registry.Contracts.ResidentIdentityNumber.BirthDate(pair.Second[1]), births[pair.First.PersonId]));
        Assert.Single(await AuditTrail.EntriesAsync(factory, Wenjiu.Registry.Features.PersonRecords.PersonRecords.EnsureManyAction));

        // A seeker registered later gets the next id, not one of the file's.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<Wenjiu.Recruitment.Features.Seekers.Seekers>().RegisterAsync(
                RegistryData.NewIdNumber(), new("李明", null, "graduate", Chaoyang, "bachelor", null, null, 2020, null, null, ["software_engineer"], 8000m, null), null, "test", CancellationToken.None);
            Assert.True(registered.Value!.Id > seekers[^1].Id);
        }
    }
}
