using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wenjiu.Payments;
using Wenjiu.Payments.Features.Refunds;
using Wenjiu.Payments.Rules;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Registry;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Relief;
using Wenjiu.Relief.Contracts;
using Wenjiu.Reviews;

// bench/refunds: the stable-job refund batch of a contribution year for the whole synthetic city, side by side in one
// run with the same rules as one set-based SQL statement over the same tables (README.md):
// (a) the SQL statement writes every employer's result into a table of its own (CREATE UNLOGGED TABLE … AS);
// (b) our batch (RefundBatch.AssessAsync, as `wenjiu refunds assess` runs it) reads the registry's history through
//     IContributionHistory, judges every employer with RefundRules and writes payments.refund_results by binary COPY.
// Each runs --rounds times, alternating; then the two results are compared employer by employer on every column the
// export writes (and the smallest change that would pass), to the fen.
// Usage: bench/refunds/run [--employers 615000] [--seed 2020] [--year 2019] [--rounds 2] [--batch-only | --sql-only]
var employers = Argument("--employers", CityScale.City.Employers);
var seed = Argument("--seed", 2020);
var year = Argument("--year", 2019);
var rounds = Argument("--rounds", 2);
var batchOnly = args.Contains("--batch-only");
var sqlOnly = args.Contains("--sql-only");
var server = Environment.GetEnvironmentVariable("WENJIU_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("WENJIU_BENCH_POSTGRES is not set: start the benchmark with bench/refunds/run.");
var p = RefundParameters.For(year);

// 0. The city with its history in PostgreSQL, loaded once per scale and seed through the importer (kept when the server is kept).
var database = $"wenjiu_bench_refunds_{employers}_{seed}";
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
if (!await IsLoadedAsync())
{
    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
    NpgsqlConnection.ClearAllPools();
    var directory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "out", $"city-{employers}-{seed}"));
    if (!File.Exists(Path.Combine(directory, "complete")))
    {
        var generating = Stopwatch.StartNew();
        var counts = CityFiles.WriteAll(new CityScale("bench", employers), seed, directory);
        File.WriteAllText(Path.Combine(directory, "complete"), string.Create(CultureInfo.InvariantCulture, $"{counts.Employers} {counts.Spells} {counts.Contributions}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {counts.Employers:N0} employers, {counts.Spells:N0} spells and {counts.Contributions:N0} contribution months in {generating.Elapsed.TotalSeconds:F0} s into {directory}"));
    }

    await using (var host = await HostAsync(connectionString, migrate: true))
    {
        await ImportAsync(host, ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile));
        await ImportAsync(host, ImportKind.Employment, Path.Combine(directory, CityFiles.EmploymentFile));
        await ImportAsync(host, ImportKind.Contributions, Path.Combine(directory, CityFiles.ContributionsFile));
    }

    foreach (var table in new[] { "registry.employers", "registry.employment_spells", "registry.contributions" })
    {
        await ExecuteAsync(connectionString, $"VACUUM ANALYZE {table}");
    }

    await ExecuteAsync(connectionString, "CREATE TABLE public.bench_loaded (at timestamptz DEFAULT now())");
}

await using var app = await HostAsync(connectionString, migrate: false);
var categories = app.Services.GetRequiredService<IReliefCategories>();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Refunds of {year} (months {p.FirstMonth}…{p.LastMonth}, baseline {p.BaselineMonth}), rules {RefundParameters.RuleSetName} {p.Version}, database {database}"));
Console.WriteLine(await ScalarTextAsync(
    """
    SELECT format('%s employers, %s spells, %s contribution months',
        to_char((SELECT count(*) FROM registry.employers), 'FM999,999,999'),
        to_char((SELECT count(*) FROM registry.employment_spells), 'FM999,999,999'),
        to_char((SELECT count(*) FROM registry.contributions), 'FM999,999,999'))
    """));

if (args.Contains("--read-only"))
{
    // While tuning: the registry's history read alone, then read and judge (nothing written), twice each.
    for (var attempt = 0; attempt < 2; attempt++)
    {
        foreach (var judge in new[] { false, true })
        {
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await using var scope = app.Services.CreateAsyncScope();
            var history = scope.ServiceProvider.GetRequiredService<IContributionHistory>();
            long read = 0, months = 0, eligible = 0;
            await foreach (var employer in history.ReadAsync(p.FirstMonth, p.LastMonth, p.BaselineMonth, p.LastMonth))
            {
                read++;
                months += employer.Months.Count;
                if (judge && RefundRules.Judge(employer, categories.CategoryOf(employer.Uscc, employer.PolicySizeClass), p, explain: false).Eligible)
                {
                    eligible++;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(judge ? "read and judge" : "read"),-15} {read:N0} employers, {months:N0} months{(judge ? $", {eligible:N0} eligible" : "")} in {watch.Elapsed.TotalSeconds:F2} s, this process's CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s"));
        }
    }

    return 0;
}

var sqlSeconds = new List<double>();
var emitSeconds = new List<double>();
var groupSeconds = new List<double>();
var writeSeconds = new List<double>();
var batchSeconds = new List<double>();
var batchPeaks = new List<(double Before, double Peak)>();
for (var round = 1; round <= rounds; round++)
{
    if (!batchOnly && !sqlOnly)
    {
        // The floors under any batch over these tables, on this machine, in the same round: the database must either
        // (e) hand over the rows the rules need (the year's contribution months, the spells covering either month-end),
        // or (g) group them itself. (e): both sets of rows written by the server to /dev/null, in binary COPY, unordered
        // (the cheapest plan: a scan), on two connections at once as the batch's reads run, no client decoding anything;
        // (g): the statement's two aggregates, each on its own connection at once, nothing written.
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(ExecuteAsync(connectionString, $"COPY ({EmitMonthsSql()}) TO '/dev/null' (FORMAT BINARY)"), ExecuteAsync(connectionString, $"COPY ({EmitSpellsSql()}) TO '/dev/null' (FORMAT BINARY)"));
        emitSeconds.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: (e) rows handed over     {emitSeconds[^1],7:F2} s"));
        watch.Restart();
        await Task.WhenAll(
            ExecuteAsync(connectionString, $"BEGIN; SET LOCAL work_mem = '128MB'; SELECT count(*) FROM ({GroupMonthsSql()}) g; COMMIT;"),
            ExecuteAsync(connectionString, $"BEGIN; SET LOCAL work_mem = '128MB'; SELECT count(*) FROM ({GroupSpellsSql()}) g; COMMIT;"));
        groupSeconds.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: (g) rows grouped         {groupSeconds[^1],7:F2} s"));
    }

    if (!batchOnly)
    {
        var watch = Stopwatch.StartNew();
        // With 128 MB of work_mem the statement's hash aggregates stay in memory (with the default 4 MB they spill to
        // disk and it runs 2.5 times longer): the SQL at its best.
        await ExecuteAsync(connectionString, $"DROP TABLE IF EXISTS public.bench_sql_refunds; BEGIN; SET LOCAL work_mem = '128MB'; {SetBasedSql()}; COMMIT;");
        sqlSeconds.Add(watch.Elapsed.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: (a) set-based SQL       {sqlSeconds[^1],7:F2} s"));
    }

    if (!sqlOnly)
    {
        GC.Collect();
        var before = CurrentMemoryMb();
        ResetPeakMemory();
        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<RefundBatch>().AssessAsync(year, "bench");
        batchSeconds.Add(watch.Elapsed.TotalSeconds);
        batchPeaks.Add((before, PeakMemoryMb()));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: (b) our refund batch   {batchSeconds[^1],7:F2} s  run {run.Id} {run.Status}: {run.Employers:N0} employers, {run.Eligible:N0} eligible, {run.Refund:N2} yuan; process memory {before:F0} MB before, peak {batchPeaks[^1].Peak:F0} MB"));

        if (!batchOnly)
        {
            // (w) the floor of the batch's other end: the database writing the year's 615,000 result rows into a table
            // like payments.refund_results (its indexes included) from rows it already has, no client sending them.
            watch.Restart();
            await ExecuteAsync(connectionString,
                $"DROP TABLE IF EXISTS public.bench_write; CREATE UNLOGGED TABLE public.bench_write (LIKE payments.refund_results INCLUDING ALL); INSERT INTO public.bench_write SELECT * FROM payments.refund_results WHERE year = {year}; DROP TABLE public.bench_write");
            writeSeconds.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: (w) rows written back    {writeSeconds[^1],7:F2} s"));
        }
    }
}

if (batchOnly || sqlOnly)
{
    return 0;
}

// Employer by employer, every column the export writes, plus the smallest change that would pass: any difference is listed.
var differences = await CompareAsync();
var summary = await ScalarTextAsync(
    $"""
    SELECT format('%s employers; %s eligible; refund %s yuan; reasons: %s',
        to_char(count(*), 'FM999,999,999'), to_char(count(*) FILTER (WHERE eligible), 'FM999,999,999'), to_char(sum(refund), 'FM999,999,999,990.00'),
        (SELECT string_agg(reason || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT reason, count(*) AS n FROM payments.refund_results WHERE year = {year} AND reason IS NOT NULL GROUP BY reason) r))
    FROM payments.refund_results WHERE year = {year}
    """);
Console.WriteLine();
Console.WriteLine($"Result: {summary}");
var (bestSql, bestBatch) = (sqlSeconds.Min(), batchSeconds.Min());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(a) set-based SQL, best of {rounds}: {bestSql:F2} s ({string.Join(", ", sqlSeconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(b) our batch, best of {rounds}:     {bestBatch:F2} s ({string.Join(", ", batchSeconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})"));
if (emitSeconds.Count > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"2 × (a) needs (b) within {bestSql / 2:F2} s; the database alone needs {emitSeconds.Min():F2} s to hand over the rows (e) or {groupSeconds.Min():F2} s to group them (g), and {writeSeconds.Min():F2} s to write the results (w), best of {rounds}: {(Math.Min(emitSeconds.Min(), groupSeconds.Min()) + writeSeconds.Min()) / bestSql:F2} of (a) before the batch decodes or judges anything"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(b) against (a): {bestSql / bestBatch:F2} ×; (b) peak process memory {batchPeaks.Max(m => m.Peak):F0} MB, {batchPeaks.Max(m => m.Peak - m.Before):F0} MB above the host before the batch"));
if (differences.Count == 0)
{
    Console.WriteLine($"(a) and (b) agree employer by employer on every column, to the fen.");
    return 0;
}

Console.WriteLine($"(a) and (b) DISAGREE on {differences.Count} employers (first ones):");
foreach (var d in differences.Take(20))
{
    Console.WriteLine($"  {d}");
}

return 1;

// ---- (a) ------------------------------------------------------------------------------------------------------
// The refund's rules (relief-rules.md; RefundRules.Judge) as one statement: the year's contribution months per employer
// (how many, any in arrears, the unemployment contributions paid), the headcounts at the two month-ends, the relief
// category, the first failing reason in the rules' order, the layoff rate and the refund. Parameters from the same
// refunds.yaml as the batch, and the category table from the relief module's (IReliefCategories), so neither can drift.
string SetBasedSql()
{
    static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);
    var (first, last, baseline) = (p.FirstMonth.Number, p.LastMonth.Number, p.BaselineMonth.Number);
    var monthsInYear = (p.LastMonth.Year * 12 + p.LastMonth.Month) - (p.FirstMonth.Year * 12 + p.FirstMonth.Month) + 1;

    // The category by the code's entity type (its first two characters, as UnifiedSocialCreditCode.EntityTypeOf reads
    // them) and the size class, asked of the relief module for a code of each kind: 0 sme, 1 large_or_other, 2 none.
    string CategoryFor(string prefix)
    {
        var code = prefix.PadRight(18, '0');
        var bySize = Enum.GetValues<SizeClass>().Select(s => (Size: s, Category: (int)categories.CategoryOf(code, s))).ToList();
        return bySize.All(b => b.Category == bySize[0].Category)
            ? bySize[0].Category.ToString(CultureInfo.InvariantCulture)
            : "CASE e.size_class " + string.Concat(bySize.Select(b => $"WHEN '{b.Size}' THEN {b.Category} ")) + "END";
    }

    string[] twoCharacters = ["11", "12", "51", "52", "53", "91", "92", "93"];
    string[] oneCharacter = ["1", "5", "9"];
    var category = "CASE " + string.Concat(twoCharacters.Select(x => $"WHEN left(e.uscc, 2) = '{x}' THEN {CategoryFor(x)} "))
        + string.Concat(oneCharacter.Select(x => $"WHEN left(e.uscc, 1) = '{x}' THEN {CategoryFor(x + "Z")} ")) + $"ELSE {CategoryFor("ZZ")} END";
    var share = $"CASE category WHEN 0 THEN {N(p.SmeShare)} WHEN 1 THEN {N(p.OtherShare)} ELSE 0 END";
    var threshold = $"CASE WHEN year_end <= {p.SmallEmployerMaxInsured} THEN {N(p.SmallLayoffRateLimit)} ELSE {N(p.LayoffRateLimit)} END";
    var reason = $"""
        CASE WHEN category = 2 THEN '{RefundReasons.NotAnEnterprise}'
             WHEN months < {monthsInYear} THEN '{RefundReasons.NotInsuredAllYear}'
             WHEN arrears THEN '{RefundReasons.Arrears}'
             WHEN baseline <= 0 THEN '{RefundReasons.NoBaseline}'
             WHEN separations > {threshold} * baseline THEN '{RefundReasons.LayoffRate}'
        END
        """;
    return $"""
        CREATE UNLOGGED TABLE public.bench_sql_refunds AS
        WITH employer AS (
            SELECT e.uscc, coalesce(e.objection_size_class, e.published_size_class, e.size_class) AS size_class FROM registry.employers e),
        categorised AS (SELECT e.uscc, {category} AS category FROM employer e),
        paid AS (
            SELECT employer_uscc AS uscc, count(*) AS months, bool_or(paid < due) AS arrears, sum(unemployment_paid) AS unemployment_paid
            FROM registry.contributions WHERE month BETWEEN {first} AND {last} GROUP BY employer_uscc),
        heads AS (
            SELECT employer_uscc AS uscc,
                count(*) FILTER (WHERE start_month <= {baseline} AND coalesce(end_month, 999912) >= {baseline}) AS baseline,
                count(*) FILTER (WHERE start_month <= {last} AND coalesce(end_month, 999912) >= {last}) AS year_end
            FROM registry.employment_spells
            WHERE (start_month <= {baseline} AND coalesce(end_month, 999912) >= {baseline}) OR (start_month <= {last} AND coalesce(end_month, 999912) >= {last})
            GROUP BY employer_uscc),
        facts AS (
            SELECT c.uscc, c.category, coalesce(m.months, 0) AS months, coalesce(m.arrears, false) AS arrears,
                coalesce(m.unemployment_paid, 0) AS unemployment_paid, coalesce(h.baseline, 0) AS baseline, coalesce(h.year_end, 0) AS year_end,
                greatest(0, coalesce(h.baseline, 0) - coalesce(h.year_end, 0)) AS separations
            FROM categorised c LEFT JOIN paid m ON m.uscc = c.uscc LEFT JOIN heads h ON h.uscc = c.uscc),
        judged AS (SELECT f.*, {reason} AS reason FROM facts f)
        SELECT uscc, reason IS NULL AS eligible, reason,
            CASE WHEN baseline > 0 THEN round(separations::numeric / baseline, 6) END AS layoff_rate,
            baseline::integer AS insured_at_baseline, year_end::integer AS insured_at_year_end, unemployment_paid,
            CASE WHEN reason IS NULL THEN round({share} * unemployment_paid, 2) ELSE 0 END AS refund,
            CASE WHEN reason = '{RefundReasons.LayoffRate}' THEN
                CASE WHEN year_end + greatest(1, separations - floor({N(p.SmallLayoffRateLimit)} * baseline)) <= {p.SmallEmployerMaxInsured}
                          AND greatest(1, separations - floor({N(p.SmallLayoffRateLimit)} * baseline)) < greatest(1, separations - floor({N(p.LayoffRateLimit)} * baseline))
                     THEN greatest(1, separations - floor({N(p.SmallLayoffRateLimit)} * baseline))
                     ELSE greatest(1, separations - floor({N(p.LayoffRateLimit)} * baseline)) END::integer
            END AS fewer_separations
        FROM judged
        """;
}

// (e) and (g): the same predicates as (a) and as the registry's reads.
string EmitMonthsSql() =>
    $"SELECT employer_uscc, unemployment_paid, paid < due FROM registry.contributions WHERE month BETWEEN {p.FirstMonth.Number} AND {p.LastMonth.Number}";

string GroupMonthsSql() =>
    $"SELECT employer_uscc, count(*), bool_or(paid < due), sum(unemployment_paid) FROM registry.contributions WHERE month BETWEEN {p.FirstMonth.Number} AND {p.LastMonth.Number} GROUP BY employer_uscc";

string SpellsAt(int month) => $"start_month <= {month} AND coalesce(end_month, 999912) >= {month}";

string EmitSpellsSql() =>
    $"SELECT employer_uscc, {SpellsAt(p.BaselineMonth.Number)}, {SpellsAt(p.LastMonth.Number)} FROM registry.employment_spells WHERE ({SpellsAt(p.BaselineMonth.Number)}) OR ({SpellsAt(p.LastMonth.Number)})";

string GroupSpellsSql() =>
    $"SELECT employer_uscc, count(*) FILTER (WHERE {SpellsAt(p.BaselineMonth.Number)}), count(*) FILTER (WHERE {SpellsAt(p.LastMonth.Number)}) FROM registry.employment_spells WHERE ({SpellsAt(p.BaselineMonth.Number)}) OR ({SpellsAt(p.LastMonth.Number)}) GROUP BY employer_uscc";

async Task<List<string>> CompareAsync()
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        $"""
        SELECT coalesce(r.uscc, s.uscc),
            format('batch: %s %s rate %s insured %s/%s paid %s refund %s fewer %s | sql: %s %s rate %s insured %s/%s paid %s refund %s fewer %s',
                r.eligible, r.reason, r.layoff_rate, r.insured_at_baseline, r.insured_at_year_end, r.unemployment_paid, r.refund, r.fewer_separations,
                s.eligible, s.reason, s.layoff_rate, s.insured_at_baseline, s.insured_at_year_end, s.unemployment_paid, s.refund, s.fewer_separations)
        FROM (SELECT * FROM payments.refund_results WHERE year = {year}) r
        FULL JOIN public.bench_sql_refunds s ON s.uscc = r.uscc
        WHERE (r.eligible, r.reason, r.layoff_rate, r.insured_at_baseline, r.insured_at_year_end, r.unemployment_paid, r.refund, r.fewer_separations)
            IS DISTINCT FROM (s.eligible, s.reason, s.layoff_rate, s.insured_at_baseline, s.insured_at_year_end, s.unemployment_paid, s.refund, s.fewer_separations)
        ORDER BY 1
        """, connection) { CommandTimeout = 0 };
    await using var reader = await command.ExecuteReaderAsync();
    var list = new List<string>();
    while (await reader.ReadAsync())
    {
        list.Add($"{reader.GetString(0)}: {reader.GetString(1)}");
    }

    return list;
}

async Task<bool> IsLoadedAsync()
{
    await using var db = new NpgsqlConnection(server);
    await db.OpenAsync();
    await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", db);
    exists.Parameters.AddWithValue("name", database);
    if (await exists.ExecuteScalarAsync() is null)
    {
        return false;
    }

    await using var city = new NpgsqlConnection(connectionString);
    await city.OpenAsync();
    await using var marker = new NpgsqlCommand("SELECT to_regclass('public.bench_loaded') IS NOT NULL", city);
    return (bool)(await marker.ExecuteScalarAsync())!;
}

async Task<string> ScalarTextAsync(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    return (string)(await command.ExecuteScalarAsync())!;
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static async Task<WebApplication> HostAsync(string connectionString, bool migrate)
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
        ["Logging:Console:FormatterName"] = "simple",
    });
    builder.AddPlatform();
    builder.AddRegistry();
    builder.AddRelief();
    builder.AddPayments();
    builder.AddReviews();
    var app = builder.Build();
    if (migrate)
    {
        await DatabaseMigrator.MigrateAsync(app.Services);
    }

    return app;
}

static async Task ImportAsync(WebApplication host, ImportKind kind, string path)
{
    await using var scope = host.Services.CreateAsyncScope();
    var watch = Stopwatch.StartNew();
    var outcome = await scope.ServiceProvider.GetRequiredService<RegistryImporter>().ImportAsync(kind, path, Path.GetFileName(path), "bench");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {kind}: {outcome.RowsImported:N0} rows in {watch.Elapsed.TotalSeconds:F0} s"));
    if (outcome.Status != ImportStatus.Completed)
    {
        throw new InvalidOperationException($"The {kind} import did not complete: {outcome.Message}");
    }
}

int Argument(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

// Linux keeps the process's peak resident set in VmHWM; writing 5 to clear_refs starts a new peak.
static void ResetPeakMemory() => File.WriteAllText("/proc/self/clear_refs", "5");

static double PeakMemoryMb() => StatusMb("VmHWM:");

static double CurrentMemoryMb() => StatusMb("VmRSS:");

static double StatusMb(string field)
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}
