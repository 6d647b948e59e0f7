using Wenjiu.Platform.Periods;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;
using Npgsql;
using Wenjiu.Platform;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.SyntheticCity;

// bench/import: the city-scale employment file into PostgreSQL, side by side with psql's \copy (the limit) and the
// plain EF Core path with the same rules. Usage (see README.md): bench/import/run [--employers N] [--seed N] [--ef-sample N]
// [--ours-only | --ef-only | --reader-only]
var employers = Argument("--employers", CityScale.City.Employers);
var seed = Argument("--seed", 2020);
var efSample = Argument("--ef-sample", 200_000);
var oursOnly = args.Contains("--ours-only");
var efOnly = args.Contains("--ef-only");
var server = Environment.GetEnvironmentVariable("WENJIU_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("WENJIU_BENCH_POSTGRES is not set: start the benchmark with bench/import/run.");
var psql = Environment.GetEnvironmentVariable("WENJIU_PSQL") ?? "psql";

// 1. The files, generated once per scale and seed and reused.
var directory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "out", $"city-{employers}-{seed}");
directory = Path.GetFullPath(directory);
var employersFile = Path.Combine(directory, CityFiles.EmployersFile);
var employmentFile = Path.Combine(directory, CityFiles.EmploymentFile);
if (!File.Exists(Path.Combine(directory, "complete")))
{
    var generating = Stopwatch.StartNew();
    var (e, s) = CityFiles.Write(new CityScale("bench", employers), seed, directory);
    File.WriteAllText(Path.Combine(directory, "complete"), string.Create(CultureInfo.InvariantCulture, $"{e} {s}"));
    Console.WriteLine($"Generated {e:N0} employers and {s:N0} spells in {generating.Elapsed.TotalSeconds:F0} s into {directory}");
}

var spellCount = long.Parse(File.ReadAllText(Path.Combine(directory, "complete")).Split(' ')[1], CultureInfo.InvariantCulture);
var fileSize = new FileInfo(employmentFile).Length;
Console.WriteLine($"Employment file: {spellCount:N0} rows, {fileSize / 1e6:F0} MB ({employmentFile})");
var results = new List<(string What, long Rows, double Seconds, string Note)>();
if (args.Contains("--reader-only"))
{
    // The client's share alone: parse, check every rule of a row, hash and encrypt the identity number.
    var protector = new PersonalDataProtector(new byte[32], new byte[32]);
    var rules = new RowRules(SmeSizeStandard.Default, protector, registeredEmployers: null);
    var rejections = new List<RowRejection>();
    var readWatch = Stopwatch.StartNew();
    long valid = 0;
    foreach (var row in InterchangeReader.Read(employmentFile, "employment.csv", InterchangeColumns.Employment))
    {
        valid += rules.Spell(row, rejections) is null ? 0 : 1;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reader + rules: {valid:N0} valid rows in {readWatch.Elapsed.TotalSeconds:F1} s, {valid / readWatch.Elapsed.TotalSeconds:N0} rows/s"));
    return 0;
}


// (ours) The importer, validation on: a fresh database, employers first, then the employment file twice.
if (!efOnly)
{
    await OursAsync();
}

if (oursOnly)
{
    PrintTable();
    return 0;
}

if (!efOnly)
{
    await CopyAsync();
}

// (b) The plain EF Core path on a sample (the first rows of the file, written to a file of its own): the same reader and
// rules as ours, then per 1,000 valid rows find or add the persons, load their spells, update or add or reject, SaveChanges.
var sampleFile = Path.Combine(directory, $"employment-sample-{efSample}.csv");
var sample = WriteSample(employmentFile, sampleFile, efSample);
var efDatabase = await FreshDatabaseAsync("wenjiu_bench_ef");
EfTotals efTotals;
PlainEfOutcome efFirst;
await using (var host = await HostAsync(efDatabase))
{
    await ImportAsync(host, ImportKind.Employers, employersFile);
    await CheckpointAsync();
    var efWatch = Stopwatch.StartNew();
    var first = efFirst = await PlainEfCore.ImportAsync(host, sampleFile);
    var firstSeconds = efWatch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(b) first run: {first} in {firstSeconds:F1} s"));
    results.Add(($"(b) EF Core change tracker, {sample:N0}-row sample", first.RowsRead, firstSeconds,
        $"same reader and rules as ours, overlap rule, upsert; {first.RowsRejected:N0} rejected"));
    efTotals = await EfTotals.OfAsync(host);

    // Idempotence: the same sample again must leave the registry as it was (and not fail on a duplicate key). It writes
    // nothing unless a person's name differs between lines in different batches: each batch then sets the name of its
    // own last line, and the file's last line sets it back at the end.
    efWatch.Restart();
    var second = await PlainEfCore.ImportAsync(host, sampleFile);
    var secondSeconds = efWatch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(b) second run: {second} in {secondSeconds:F1} s"));
    results.Add(($"(b) EF Core, same sample again", second.RowsRead, secondSeconds, $"nothing changes; {second.RowsWritten:N0} rows written, {second.RowsRejected:N0} rejected"));
    var again = await EfTotals.OfAsync(host);
    Console.WriteLine($"(b) after the first run:  {efTotals}");
    Console.WriteLine($"(b) after the second run: {again}");
    if (again != efTotals || second.RowsImported != first.RowsImported || second.RowsRejected != first.RowsRejected)
    {
        throw new InvalidOperationException($"(b) is not idempotent: before the second run {efTotals}, after it {again}.");
    }
}

// Correctness, not timing: our importer on the same sample file, into another fresh database, must leave the same registry.
var checkDatabase = await FreshDatabaseAsync("wenjiu_bench_ef_check");
await using (var host = await HostAsync(checkDatabase))
{
    await ImportAsync(host, ImportKind.Employers, employersFile);
    var (outcome, _) = await ImportAsync(host, ImportKind.Employment, sampleFile);
    var oursTotals = await EfTotals.OfAsync(host);
    Console.WriteLine($"ours on the sample:       {oursTotals}");
    if (oursTotals != efTotals || outcome.RowsImported != efFirst.RowsImported || outcome.RowsRejected != efFirst.RowsRejected)
    {
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"(b) and ours disagree on the {sample:N0}-row sample: (b) {efFirst}, {efTotals}; ours {outcome.RowsImported:N0} imported, {outcome.RowsRejected:N0} rejected, {oursTotals}."));
    }

    Console.WriteLine("(b) and ours leave the same registry on the sample.");
}

PrintTable();

if (efOnly)
{
    return 0;
}

var copyRate = results.Single(r => r.What.StartsWith("(a)", StringComparison.Ordinal)) is var a ? a.Rows / a.Seconds : 0;
var efRate = results.First(r => r.What.StartsWith("(b)", StringComparison.Ordinal)) is var b ? b.Rows / b.Seconds : 0;
var firstRate = results[1].Rows / results[1].Seconds;
var reRate = results[2].Rows / results[2].Seconds;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours / (a) \\copy: {firstRate / copyRate:P0} (goal ≥ 67%)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours / (b) EF Core: {firstRate / efRate:F1}× (goal ≥ 20×)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"re-import / first import rate: {reRate / firstRate:P0} (goal ≥ 100%)"));
return 0;

async Task OursAsync()
{
    var ours = await FreshDatabaseAsync("wenjiu_bench_ours");
    await using var host = await HostAsync(ours);
    var employersRun = await ImportAsync(host, ImportKind.Employers, employersFile);
    results.Add(("ours: employers file", employersRun.Outcome.RowsImported, employersRun.Seconds, ""));
    await CheckpointAsync();
    ResetPeakMemory();
    var first = await ImportAsync(host, ImportKind.Employment, employmentFile);
    var firstPeak = PeakMemoryMb();
    results.Add(("ours: employment, first import", first.Outcome.RowsImported, first.Seconds, $"{first.Outcome.RowsRejected} rejected; peak memory {firstPeak:F0} MB"));
    await CheckpointAsync();
    ResetPeakMemory();
    var second = await ImportAsync(host, ImportKind.Employment, employmentFile);
    var secondPeak = PeakMemoryMb();
    results.Add(("ours: employment, re-import unchanged", second.Outcome.RowsImported, second.Seconds, $"{second.Outcome.RowsRejected} rejected; peak memory {secondPeak:F0} MB"));
}

async Task CopyAsync()
{
    // (a) PostgreSQL's own \copy of the same CSV into a table of the same shape with the same indexes.
    var copyDatabase = await FreshDatabaseAsync("wenjiu_bench_copy");
    await ExecuteAsync(copyDatabase,
        """
        CREATE TABLE employment_copy (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            id_number varchar(18) NOT NULL, name varchar(100) NOT NULL, uscc varchar(18) NOT NULL,
            start_month varchar(7) NOT NULL, end_month varchar(7), wage numeric(12,2) NOT NULL);
        CREATE UNIQUE INDEX ON employment_copy (id_number, uscc, start_month);
        CREATE INDEX ON employment_copy (uscc, start_month);
        """);
    await CheckpointAsync();
    var copyWatch = Stopwatch.StartNew();
    var builder = new NpgsqlConnectionStringBuilder(copyDatabase);
    using (var process = Process.Start(new ProcessStartInfo(psql)
    {
        ArgumentList =
        {
            "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "-v", "ON_ERROR_STOP=1", "-c",
            $"\\copy employment_copy (id_number, name, uscc, start_month, end_month, wage) FROM '{employmentFile}' WITH (FORMAT csv, HEADER true)",
        },
        RedirectStandardOutput = true,
    })!)
    {
        Console.WriteLine(await process.StandardOutput.ReadToEndAsync());
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("psql \\copy failed.");
        }
    }

    results.Add(("(a) psql \\copy, same table shape and indexes", spellCount, copyWatch.Elapsed.TotalSeconds, "no validation, no encryption, no persons"));
}

void PrintTable()
{
    Console.WriteLine();
    Console.WriteLine($"| run ({spellCount:N0}-row employment file) | rows | seconds | rows/s | note |");
    Console.WriteLine("|---|---:|---:|---:|---|");
    foreach (var (what, rows, seconds, note) in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {rows:N0} | {seconds:F1} | {rows / seconds:N0} | {note} |"));
    }
}

// Every timed run starts from a checkpoint: no run pays for writing out the dirty pages an earlier one left behind.
async Task CheckpointAsync() => await ExecuteAsync(server, "CHECKPOINT");

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

async Task<string> FreshDatabaseAsync(string name)
{
    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
    return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static async Task<WebApplication> HostAsync(string connectionString)
{
    var builder = WebApplication.CreateBuilder();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = connectionString,
        ["PersonalData:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["PersonalData:LookupKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Wenjiu"] = "Information",
    });
    builder.AddPlatform();
    builder.AddRegistry();
    var app = builder.Build();
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.MigrateAsync();
    await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.MigrateAsync();
    return app;
}

static async Task<(ImportOutcome Outcome, double Seconds)> ImportAsync(WebApplication host, ImportKind kind, string path)
{
    await using var scope = host.Services.CreateAsyncScope();
    var watch = Stopwatch.StartNew();
    var outcome = await scope.ServiceProvider.GetRequiredService<RegistryImporter>().ImportAsync(kind, path, Path.GetFileName(path), "bench");
    var seconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: {outcome.Status} {outcome.RowsImported:N0} imported, {outcome.RowsRejected:N0} rejected in {seconds:F1} s {outcome.Message}"));
    return outcome.Status == ImportStatus.Completed ? (outcome, seconds) : throw new InvalidOperationException($"The {kind} import did not complete: {outcome.Message}");
}

// The header and the first `rows` data rows, as written (Sep does not unescape here, so quoted fields stay quoted); returns the rows written.
static long WriteSample(string path, string samplePath, long rows)
{
    using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromFile(path);
    using var writer = new StreamWriter(samplePath, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    long written = -1; // the header is no data row
    foreach (var row in reader)
    {
        if (written == rows)
        {
            break;
        }

        writer.Write(row.Span);
        writer.Write('\n');
        written++;
    }

    return Math.Max(written, 0);
}

// Linux keeps the process's peak resident set in VmHWM; writing 5 to clear_refs starts a new peak.
static void ResetPeakMemory()
{
    GC.Collect();
    File.WriteAllText("/proc/self/clear_refs", "5");
}

static double PeakMemoryMb()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

/// <summary>What one run of (b) did, counted as ours counts: rows read, imported (new, updated or unchanged), rejected; and the rows SaveChanges wrote.</summary>
internal sealed record PlainEfOutcome(long RowsRead, long RowsImported, long RowsRejected, long RowsWritten)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{RowsRead:N0} rows read, {RowsImported:N0} imported, {RowsRejected:N0} rejected, {RowsWritten:N0} rows written");
}

/// <summary>
/// (b): the importer's promises (interchange.md, "What an import promises") written the plain EF Core way. The same
/// reader and row rules as ours; then per 1,000 valid rows: the batch's persons by hash (one query), the new ones added,
/// SaveChanges; their registered spells (one query); per row an update, a new spell or an overlap rejection; SaveChanges.
/// Entities through the change tracker, no raw SQL, no bulk extension. One difference from ours, which sees the whole
/// file before it judges: a registered spell that a later line of the file replaces still counts against the lines before
/// that one here. On a fresh registry, and on a second run of the same file, the two agree.
/// </summary>
internal sealed class PlainEfCore
{
    private const int BatchSize = 1_000;

    /// <summary>An open spell (no last month) runs to the end of time for the overlap rule, as in ours.</summary>
    private const int OpenEnd = 9999_12;

    private readonly WebApplication host;

    // Every valid line this run has read, per person and employer: a later line overlapping one of them is rejected, as
    // ours rejects it (ours compares with every earlier line of the file, rejected or not).
    private readonly Dictionary<(long PersonId, string Uscc), List<FileSpell>> linesRead = [];
    private readonly List<RowRejection> rejections = [];
    private long imported, rejected, written;

    private PlainEfCore(WebApplication host) => this.host = host;

    public static async Task<PlainEfOutcome> ImportAsync(WebApplication host, string path)
    {
        var run = new PlainEfCore(host);
        var read = await run.ReadAsync(path);
        return new PlainEfOutcome(read, run.imported, run.rejected, run.written);
    }

    private async Task<long> ReadAsync(string path)
    {
        HashSet<string> employers;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            employers = (await db.Employers.AsNoTracking().Select(e => e.Uscc).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        }

        var rules = new RowRules(host.Services.GetRequiredService<SmeSizeStandard>(), host.Services.GetRequiredService<PersonalDataProtector>(), employers);
        var batch = new List<StagedSpell>(BatchSize);
        long read = 0;
        foreach (var row in InterchangeReader.Read(path, Path.GetFileName(path), InterchangeColumns.Employment))
        {
            read++;
            var before = rejections.Count;
            if (rules.Spell(row, rejections) is { } spell)
            {
                batch.Add(spell);
            }

            rejected += rejections.Count > before ? 1 : 0;
            if (batch.Count == BatchSize)
            {
                await SaveAsync(batch);
                batch.Clear();
            }
        }

        await SaveAsync(batch);
        return read;
    }

    private async Task SaveAsync(List<StagedSpell> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        // Persons: the registered ones in one query, the new ones added; the last line of a person gives the name.
        var hashes = batch.Select(s => s.IdHash).Distinct(HashComparer.Instance).ToList();
        var persons = (await db.Persons.Where(p => hashes.Contains(p.IdNumberHash)).ToListAsync()).ToDictionary(p => p.IdNumberHash, HashComparer.Instance);
        var registeredIds = persons.Values.Select(p => p.Id).ToList();
        var added = new Dictionary<byte[], Person>(HashComparer.Instance);
        foreach (var spell in batch)
        {
            if (persons.ContainsKey(spell.IdHash))
            {
                continue;
            }

            if (added.TryGetValue(spell.IdHash, out var person))
            {
                person.Name = spell.Name;
                continue;
            }

            added[spell.IdHash] = new Person
            {
                IdNumberCipher = spell.IdCipher,
                IdNumberHash = spell.IdHash,
                Name = spell.Name,
                BirthDate = spell.BirthDate,
                Gender = spell.Gender,
            };
        }

        db.Persons.AddRange(added.Values);
        written += await db.SaveChangesAsync();
        foreach (var (hash, person) in added)
        {
            persons[hash] = person;
        }

        // Spells: those registered for the batch's persons in one query (a new person has none).
        var registered = registeredIds.Count == 0
            ? []
            : (await db.EmploymentSpells.Where(s => registeredIds.Contains(s.PersonId)).ToListAsync())
                .GroupBy(s => (s.PersonId, s.EmployerUscc)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var spell in batch)
        {
            var person = persons[spell.IdHash];
            var key = (person.Id, spell.Uscc);
            var end = spell.EndMonth ?? OpenEnd;
            if (!linesRead.TryGetValue(key, out var lines))
            {
                lines = [];
                linesRead[key] = lines;
            }

            var earlier = lines.FindIndex(a => a.Start <= end && spell.StartMonth <= a.End);
            lines.Add(new FileSpell(spell.Line, spell.StartMonth, end));
            if (earlier >= 0)
            {
                Reject(spell, $"overlaps the spell of the same person at the same employer on line {lines[earlier].Line}");
                continue;
            }

            var stored = registered.GetValueOrDefault(key);
            if (stored?.Find(s => s.StartMonth.Number == spell.StartMonth) is { } same)
            {
                // The change tracker writes only what differs; setting equal values would write nothing either.
                if (same.EndMonth?.Number != spell.EndMonth || same.Wage != spell.Wage)
                {
                    same.EndMonth = spell.EndMonth is { } changed ? YearMonth.FromNumber(changed) : null;
                    same.Wage = spell.Wage;
                }
            }
            else if (stored?.Find(s => s.StartMonth.Number <= end && spell.StartMonth <= (s.EndMonth?.Number ?? OpenEnd)) is { } clash)
            {
                Reject(spell, $"overlaps the registered spell at this employer from {Month(clash.StartMonth.Number)}{(clash.EndMonth is { } e ? " to " + Month(e.Number) : " (still employed)")}");
                continue;
            }
            else
            {
                db.EmploymentSpells.Add(new EmploymentSpell
                {
                    PersonId = person.Id,
                    EmployerUscc = spell.Uscc,
                    StartMonth = YearMonth.FromNumber(spell.StartMonth),
                    EndMonth = spell.EndMonth is { } last ? YearMonth.FromNumber(last) : null,
                    Wage = spell.Wage,
                });
            }

            if (person.Name != spell.Name)
            {
                person.Name = spell.Name;
            }

            imported++;
        }

        written += await db.SaveChangesAsync();
    }

    private void Reject(StagedSpell spell, string reason)
    {
        rejections.Add(new RowRejection(spell.Line, "start_month", Month(spell.StartMonth), reason));
        rejected++;
    }

    private static string Month(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 100:D4}-{month % 100:D2}");

    private readonly record struct FileSpell(long Line, int Start, int End);
}

/// <summary>Identity hashes as dictionary keys: compared by their bytes (an HMAC, so its first bytes hash well).</summary>
internal sealed class HashComparer : IEqualityComparer<byte[]>
{
    public static readonly HashComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj);
}

/// <summary>
/// What a registry holds after an import, to compare two of them: counts, and a fingerprint of every person (identity
/// hash, name, birth date, gender) and spell (identity hash, employer, months, wage), independent of the numbering.
/// </summary>
internal sealed record EfTotals(long Persons, long Spells, string Fingerprint)
{
    public static async Task<EfTotals> OfAsync(WebApplication host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var persons = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var spells = await db.EmploymentSpells.AsNoTracking().ToListAsync();
        var lines = persons.Values.Select(p => string.Create(CultureInfo.InvariantCulture, $"p {Convert.ToHexString(p.IdNumberHash)} {p.Name} {p.BirthDate:yyyy-MM-dd} {p.Gender}"))
            .Concat(spells.Select(s => string.Create(CultureInfo.InvariantCulture, $"s {Convert.ToHexString(persons[s.PersonId].IdNumberHash)} {s.EmployerUscc} {s.StartMonth.Number} {s.EndMonth?.Number} {s.Wage:F2}")))
            .Order(StringComparer.Ordinal);
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return new EfTotals(persons.Count, spells.Count, Convert.ToHexString(digest, 0, 8));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Persons:N0} persons, {Spells:N0} spells, fingerprint {Fingerprint}");
}
