using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.PersonRecords;

/// <summary>
/// One person record per identity number, for every module that registers people (issue 10 §2): the person is found by
/// the keyed hash of the number and inserted when new with <c>INSERT … ON CONFLICT (id_number_hash) DO NOTHING</c> and
/// read again, so that two concurrent calls for the same number (a double submit, two nodes) meet at the unique index and
/// both answer the one record. The same statement serves the bulk path in chunks, on PostgreSQL and SQLite alike.
/// An existing person keeps the registered name: the insurance import is the authority on it.
/// </summary>
internal sealed class PersonRecords(RegistryDbContext db, PersonalDataProtector protector, IAuditLog audit) : IPersonRecords
{
    public const string EnsureAction = "person.ensure";
    public const string EnsureManyAction = "person.ensure-many";

    /// <summary>Rows per statement: 5 parameters a row stays far below SQLite's 32,766 and PostgreSQL's 65,535.</summary>
    internal const int ChunkSize = 1000;

    public async Task<PersonRecord> EnsureAsync(string idNumber, string name, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        var number = idNumber?.Trim().ToUpperInvariant();
        var validation = ResidentIdentityNumber.Validate(number);
        if (!validation.IsValid)
        {
            throw new ArgumentException(validation.Describe(), nameof(idNumber));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("the name is missing", nameof(name));
        }

        var candidate = Candidate(number!, name.Trim());
        var (ids, created) = await EnsureChunkAsync([candidate], cancellationToken);
        var id = ids[Key(candidate.Hash)];
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
        await audit.RecordAsync(EnsureAction, $"person:{id}",
            $"{Masking.IdentityNumber(number!)}; {(created > 0 ? "registered" : "found")}; {source}", cancellationToken);
        return new PersonRecord(person.Id, Masking.IdentityNumber(number!), Masking.Name(person.Name), person.BirthDate, person.Gender);
    }

    public async Task<IReadOnlyDictionary<string, long>> EnsureManyAsync(IReadOnlyList<(string IdNumber, string Name)> persons, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(source);

        // The last line of a number gives the name of a new person, as the import reads its files.
        var byHash = new Dictionary<string, NewPerson>(StringComparer.Ordinal);
        var numberOf = new List<(string Given, string Hash)>(persons.Count);
        foreach (var (given, name) in persons)
        {
            var number = given?.Trim().ToUpperInvariant();
            if (!ResidentIdentityNumber.IsValid(number) || string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var candidate = Candidate(number!, name.Trim());
            var key = Key(candidate.Hash);
            byHash[key] = candidate;
            numberOf.Add((given!, key));
        }

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        long created = 0;
        foreach (var chunk in byHash.Values.Chunk(ChunkSize))
        {
            var (chunkIds, chunkCreated) = await EnsureChunkAsync(chunk, cancellationToken);
            foreach (var (key, id) in chunkIds)
            {
                ids[key] = id;
            }

            created += chunkCreated;
        }

        var answer = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (given, key) in numberOf)
        {
            answer[given] = ids[key];
        }

        await audit.RecordAsync(EnsureManyAction, "persons", string.Create(CultureInfo.InvariantCulture,
            $"{persons.Count} given, {byHash.Count} valid numbers, {created} registered; {source}"), cancellationToken);
        return answer;
    }

    public async Task<IReadOnlyDictionary<long, PersonRecord>> FindAsync(IReadOnlyCollection<long> personIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        var answer = new Dictionary<long, PersonRecord>();
        foreach (var chunk in personIds.Distinct().Chunk(ChunkSize))
        {
            var found = await db.Persons.AsNoTracking().Where(p => chunk.Contains(p.Id)).ToListAsync(cancellationToken);
            foreach (var p in found)
            {
                answer[p.Id] = new PersonRecord(p.Id, Masking.IdentityNumber(protector.Decrypt(p.IdNumberCipher)), Masking.Name(p.Name), p.BirthDate, p.Gender);
            }
        }

        return answer;
    }

    private sealed record NewPerson(byte[] Hash, byte[] Cipher, string Name, DateOnly BirthDate, Gender Gender);

    private NewPerson Candidate(string number, string name) => new(
        protector.LookupHash(number), protector.Encrypt(number), name.Length > 100 ? name[..100] : name,
        ResidentIdentityNumber.BirthDate(number)!.Value, ResidentIdentityNumber.GenderOf(number));

    private static string Key(byte[] hash) => Convert.ToBase64String(hash);

    /// <summary>Inserts the chunk's new persons (the unique index on the hash skips those that exist or arrive meanwhile) and reads every id back.</summary>
    private async Task<(Dictionary<string, long> Ids, int Created)> EnsureChunkAsync(IReadOnlyList<NewPerson> chunk, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(Person))!;
        var table = entity.GetSchema() is { } schema ? $"{schema}.{entity.GetTableName()}" : entity.GetTableName();
        var sql = new StringBuilder($"INSERT INTO {table} (id_number_cipher, id_number_hash, name, birth_date, gender) VALUES ");
        var values = new List<object>(chunk.Count * 5);
        for (var i = 0; i < chunk.Count; i++)
        {
            var c = chunk[i];
            var p = i * 5;
            sql.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}})");
            values.AddRange([c.Cipher, c.Hash, c.Name, c.BirthDate, c.Gender.ToString()]);
        }

        sql.Append(" ON CONFLICT (id_number_hash) DO NOTHING");
        var created = await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, cancellationToken);

        var hashes = chunk.Select(c => c.Hash).ToList();
        var rows = await db.Persons.AsNoTracking().Where(p => hashes.Contains(p.IdNumberHash)).Select(p => new { p.Id, p.IdNumberHash }).ToListAsync(cancellationToken);
        return (rows.ToDictionary(r => Key(r.IdNumberHash), r => r.Id, StringComparer.Ordinal), created);
    }
}
