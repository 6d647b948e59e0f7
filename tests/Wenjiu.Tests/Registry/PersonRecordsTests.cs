using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Features.PersonRecords;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>The registry's <see cref="IPersonRecords"/>: one person per identity number, however and however often they arrive (issue 10 §2).</summary>
public sealed class PersonRecordsTests
{
    private static async Task<T> WithRecordsAsync<T>(WenjiuFactory factory, Func<IPersonRecords, Task<T>> act)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<IPersonRecords>());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_new_number_registers_a_person_with_birth_date_and_gender_from_the_number_and_the_call_is_audited_masked(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var idNumber = RegistryData.NewIdNumber();

        var person = await WithRecordsAsync(factory, r => r.EnsureAsync(idNumber, "李明", "test: registration"));

        Assert.Equal(ResidentIdentityNumber.BirthDate(idNumber), person.BirthDate);
        Assert.Equal(ResidentIdentityNumber.GenderOf(idNumber), person.Gender);
        Assert.Equal(Masking.IdentityNumber(idNumber), person.MaskedIdNumber);
        Assert.Equal("李*", person.MaskedName);
        var stored = await RegistryData.QueryAsync(factory, db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal(person.Id, stored.Id);
        Assert.Equal("李明", stored.Name);
        Assert.DoesNotContain(idNumber, System.Text.Encoding.UTF8.GetString(stored.IdNumberCipher), StringComparison.Ordinal);
        var entry = Assert.Single(await AuditTrail.EntriesAsync(factory, PersonRecords.EnsureAction));
        Assert.Equal($"person:{person.Id}", entry.Record);
        Assert.Contains(Masking.IdentityNumber(idNumber), entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, entry.Details, StringComparison.Ordinal);
        Assert.Contains("test: registration", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_known_number_finds_the_registered_person_and_keeps_the_registered_name(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var idNumber = RegistryData.NewIdNumber();
        var registered = await RegistryData.AddPersonAsync(factory, "王芳", idNumber);

        var person = await WithRecordsAsync(factory, r => r.EnsureAsync(idNumber.ToLowerInvariant(), "王小芳", "test"));

        Assert.Equal(registered.Id, person.Id);
        Assert.Equal("王*", person.MaskedName);
        Assert.Equal(1, await RegistryData.QueryAsync(factory, db => db.Persons.CountAsync()));
        Assert.Equal("王芳", await RegistryData.QueryAsync(factory, db => db.Persons.Select(p => p.Name).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_invalid_number_is_refused_naming_the_problem_and_registers_nobody(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var idNumber = RegistryData.NewIdNumber();
        var wrongCheck = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WithRecordsAsync(factory, r => r.EnsureAsync(wrongCheck, "李明", "test")));

        Assert.Contains("check character", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await RegistryData.QueryAsync(factory, db => db.Persons.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Concurrent_ensures_of_the_same_number_give_one_person(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var idNumber = RegistryData.NewIdNumber();

        var people = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => WithRecordsAsync(factory, r => r.EnsureAsync(idNumber, "李明", "test")))));

        Assert.Single(people.Select(p => p.Id).Distinct());
        Assert.Equal(1, await RegistryData.QueryAsync(factory, db => db.Persons.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_bulk_path_registers_the_new_finds_the_known_leaves_out_the_invalid_and_audits_once(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var known = RegistryData.NewIdNumber();
        var registered = await RegistryData.AddPersonAsync(factory, "王芳", known);
        var fresh = Enumerable.Range(0, PersonRecords.ChunkSize + 5).Select(_ => RegistryData.NewIdNumber()).ToList();
        var given = fresh.Select(n => (n, "张三")).Append((known, "王小芳")).Append(("110105199001011234X", "无效")).Append((fresh[0], "张三")).ToList();

        var ids = await WithRecordsAsync(factory, r => r.EnsureManyAsync(given, "test: roster"));

        Assert.Equal(fresh.Count + 1, ids.Count);
        Assert.Equal(registered.Id, ids[known]);
        Assert.Equal(fresh.Count, fresh.Select(n => ids[n]).Distinct().Count());
        Assert.Equal(fresh.Count + 1, await RegistryData.QueryAsync(factory, db => db.Persons.CountAsync()));
        var found = await WithRecordsAsync(factory, r => r.FindAsync([ids[fresh[^1]]]));
        Assert.Equal(ResidentIdentityNumber.BirthDate(fresh[^1]), found[ids[fresh[^1]]].BirthDate);
        var entry = Assert.Single(await AuditTrail.EntriesAsync(factory, PersonRecords.EnsureManyAction));
        Assert.Contains($"{fresh.Count} registered", entry.Details, StringComparison.Ordinal);
        Assert.Empty(await AuditTrail.EntriesAsync(factory, PersonRecords.EnsureAction));
    }
}
