using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wenjiu.Relief.Billing;
using Wenjiu.Platform;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Relief;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Rules;

// bench/relief: one city month assessed four ways on the same data, checked to agree to the fen (README.md):
// (a) one set-based SQL statement in PostgreSQL, (b) numpy over the columns in memory, (c) our engine over the same
// columns in memory, (d) our full assessment end to end (read, compute, write, make current).
// With the month's run, (e) a scenario over the months --from … --to (2020-02 … 2020-12) for the whole city beside the
// set-based SQL statement run once per month, its baseline checked against the SQL's figures month by month.
// Usage: bench/relief/run [--employers 615000] [--seed 2020] [--month 2020-02] [--from 2020-02] [--to 2020-12]
//        [--assess-only | --read-only | --scenario-only]
var employers = Argument("--employers", CityScale.City.Employers);
var seed = Argument("--seed", 2020);
var month = MonthArgument("--month", "2020-02");
var yyyymm = month.Number;
var (scenarioFirst, scenarioLast) = (MonthArgument("--from", "2020-02"), MonthArgument("--to", "2020-12"));
var server = Environment.GetEnvironmentVariable("WENJIU_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("WENJIU_BENCH_POSTGRES is not set: start the benchmark with bench/relief/run.");
var rules = ReliefRuleSet.Beijing2020;
var categories = Enum.GetValues<ReliefCategory>();
var results = new List<(string What, double Seconds, string Note)>();
var assessOnly = args.Contains("--assess-only");
var scenarioOnly = args.Contains("--scenario-only");

// 0. The city in PostgreSQL, loaded once per scale and seed through the importer (kept when the server is kept).
var database = $"wenjiu_bench_relief_{employers}_{seed}";
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
        var (e, s) = CityFiles.Write(new CityScale("bench", employers), seed, directory);
        File.WriteAllText(Path.Combine(directory, "complete"), string.Create(CultureInfo.InvariantCulture, $"{e} {s}"));
        Console.WriteLine($"Generated {e:N0} employers and {s:N0} spells in {generating.Elapsed.TotalSeconds:F0} s into {directory}");
    }

    await using (var host = await HostAsync(connectionString, migrate: true))
    {
        await ImportAsync(host, ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile));
        await ImportAsync(host, ImportKind.Employment, Path.Combine(directory, CityFiles.EmploymentFile));
    }

    await ExecuteAsync(connectionString, "VACUUM ANALYZE registry.employers");
    await ExecuteAsync(connectionString, "VACUUM ANALYZE registry.employment_spells");
    await ExecuteAsync(connectionString, "CREATE TABLE public.bench_loaded (at timestamptz DEFAULT now())");
}

await using var app = await HostAsync(connectionString, migrate: false);
Console.WriteLine($"Month {month}, rule set {rules.Name} {rules.Version}, database {database}");

if (args.Contains("--read-only"))
{
    // While tuning: the registry's month read alone.
    for (var attempt = 0; attempt < 2; attempt++)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        await using var read = await scope.ServiceProvider.GetRequiredService<IInsuredEmploymentSource>().OpenMonthAsync(month);
        var employerCount = 0;
        await foreach (var e in read.ReadEmployersAsync())
        {
            employerCount++;
        }

        var employersSeconds = watch.Elapsed.TotalSeconds;
        long spells = 0;
        await foreach (var block in read.ReadWagesAsync())
        {
            spells += block.Count;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {employerCount:N0} employers in {employersSeconds:F1} s, {spells:N0} wages in {watch.Elapsed.TotalSeconds - employersSeconds:F1} s"));
    }

    return 0;
}

if (assessOnly)
{
    // While tuning: (d) alone, twice.
    for (var attempt = 0; attempt < 2; attempt++)
    {
        ResetPeakMemory();
        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<MonthlyAssessment>().AssessAsync(month, "bench", null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(d) {run.Status} v{run.Version} in {watch.Elapsed.TotalSeconds:F1} s, peak memory {PeakMemoryMb():F0} MB"));
    }

    return 0;
}

if (scenarioOnly)
{
    return await ScenarioAsync() ? 0 : 1;
}

// (a) The same rules as one set-based SQL statement: join, clamp, multiply, round, relieve, sum per category.
var sqlWatch = Stopwatch.StartNew();
var sqlTotals = (await SetBasedSqlAsync(month)).ByCategory;
results.Add(("(a) one set-based SQL statement in PostgreSQL", sqlWatch.Elapsed.TotalSeconds, "join + clamp + round + relieve + sum per category"));

// The columns the in-memory runs share: each active spell's wage (fen) and employer, each employer's category and rate.
var loadWatch = Stopwatch.StartNew();
var columns = await LoadColumnsAsync();
var loadSeconds = loadWatch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Columns: {columns.Wages.Length:N0} active spells of {columns.Employers:N0} employers read with binary COPY in {loadSeconds:F1} s"));
results.Add(("reading the columns with binary COPY (for (b) and (c))", loadSeconds, $"{columns.Wages.Length:N0} spells, {columns.Employers:N0} employers"));

// (b) numpy, vectorised over the same columns (its own clock: compute only, not loading the files).
var numpy = RunNumpy(columns);
results.Add(("(b) numpy, vectorised, in memory", numpy.Seconds, "compute only, columns already in memory"));

// (c) Our engine over the same columns: MonthlyBilling.Bill on each employer's run of wages, on every core.
var engineSeconds = double.MaxValue;
long[,,] engineTotals = null!;
for (var attempt = 0; attempt < 3; attempt++)
{
    var watch = Stopwatch.StartNew();
    engineTotals = EngineInMemory(columns);
    engineSeconds = Math.Min(engineSeconds, watch.Elapsed.TotalSeconds);
}

results.Add(("(c) our engine in memory", engineSeconds, $"best of 3, {Environment.ProcessorCount} cores, compute only"));

// (d) Our full assessment end to end: read from the registry, compute, write every employer's row, make it current.
columns = null!;
GC.Collect();
ResetPeakMemory();
var assessWatch = Stopwatch.StartNew();
AssessmentOutcome outcome;
await using (var scope = app.Services.CreateAsyncScope())
{
    outcome = await scope.ServiceProvider.GetRequiredService<MonthlyAssessment>().AssessAsync(month, "bench", null, CancellationToken.None);
}

var assessSeconds = assessWatch.Elapsed.TotalSeconds;
var peak = PeakMemoryMb();
if (!outcome.Completed)
{
    throw new InvalidOperationException($"The assessment failed: {outcome.Message}");
}

results.Add(($"(d) our full assess end to end (version {outcome.Version})", assessSeconds, $"peak memory {peak:F0} MB"));
var assessTotals = await StoredTotalsAsync(outcome.RunId);

// Agreement to the fen, per category, insurance and figure.
Console.WriteLine();
var agree = true;
foreach (var (name, totals) in new[] { ("(b) numpy", numpy.Totals), ("(c) engine", engineTotals), ("(d) assess", assessTotals) })
{
    var differences = Differences(sqlTotals, totals);
    agree &= differences.Count == 0;
    Console.WriteLine(differences.Count == 0 ? $"{name} agrees with (a) to the fen on all {categories.Length * 5 * 4} totals" : $"{name} differs from (a): {string.Join("; ", differences.Take(5))}");
}

Console.WriteLine();
Console.WriteLine($"| run ({month}, {employers:N0} employers) | seconds | note |");
Console.WriteLine("|---|---:|---|");
foreach (var (what, seconds, note) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {seconds:F2} | {note} |"));
}

Console.WriteLine();
Console.WriteLine("Totals per category (yuan): employer due / relief / payable, employee payable");
foreach (var c in categories)
{
    var sums = Enumerable.Range(0, 4).Select(f => Enumerable.Range(0, 5).Sum(i => sqlTotals[(int)c, i, f])).ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Code(),-15} {sums[0] / 100m,20:N2} {sums[1] / 100m,20:N2} {sums[2] / 100m,20:N2} {sums[3] / 100m,20:N2}"));
}

await CalibrationAsync(outcome.RunId);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(c) engine vs (b) numpy: {numpy.Seconds / engineSeconds:F1}x (goal >= 5x)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(d) assess vs (a) SQL: {results[0].Seconds / assessSeconds:F1}x (goal >= 2x); (d) {assessSeconds:F1} s (goal <= 30 s)"));
Console.WriteLine(agree ? "All four agree to the fen." : "DISAGREEMENT: see above.");
Console.WriteLine();
agree &= await ScenarioAsync();
return agree ? 0 : 1;

YearMonth MonthArgument(string name, string fallback) =>
    YearMonth.Parse(args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback, CultureInfo.InvariantCulture);

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

async Task<bool> IsLoadedAsync()
{
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @d", connection);
    exists.Parameters.AddWithValue("d", database);
    if (await exists.ExecuteScalarAsync() is null)
    {
        return false;
    }

    await using var db = new NpgsqlConnection(connectionString);
    await db.OpenAsync();
    await using var marker = new NpgsqlCommand("SELECT to_regclass('public.bench_loaded') IS NOT NULL", db);
    return (bool)(await marker.ExecuteScalarAsync())!;
}

// ---- (a) ------------------------------------------------------------------------------------------------------
async Task<SqlTotals> SetBasedSqlAsync(YearMonth month)
{
    var yyyymm = month.Number;
    var parameters = rules.For(month);
    static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    // The category table of the rule set, written as a CASE over the code's first characters (checked against the
    // rule set's own answer for each entity type, so the SQL cannot drift from relief-categories.yaml).
    var prefixes = new (string Condition, EntityType Type)[]
    {
        ("left(e.uscc, 2) = '11'", EntityType.GovernmentOrgan), ("left(e.uscc, 2) = '12'", EntityType.PublicInstitution),
        ("left(e.uscc, 2) = '51'", EntityType.SocialGroup), ("left(e.uscc, 2) = '52'", EntityType.PrivateNonEnterpriseUnit),
        ("left(e.uscc, 2) = '53'", EntityType.Foundation), ("left(e.uscc, 2) = '91'", EntityType.Enterprise),
        ("left(e.uscc, 2) = '92'", EntityType.IndividualBusiness), ("left(e.uscc, 2) = '93'", EntityType.FarmersCooperative),
        ("left(e.uscc, 1) = '1'", EntityType.OtherInstitution), ("left(e.uscc, 1) = '5'", EntityType.OtherSocialOrganisation),
        ("left(e.uscc, 1) = '9'", EntityType.OtherMarketEntity),
    };
    string CategoryOf(EntityType type) => rules.Categories.NeedsSizeClass(type)
        ? "CASE e.size_class " + string.Concat(Enum.GetValues<SizeClass>().Select(s => $"WHEN '{s}' THEN {(int)rules.Categories.CategoryOf(type, s)} ")) + "END"
        : ((int)rules.Categories.CategoryOf(type, null)).ToString(CultureInfo.InvariantCulture);
    var category = "CASE " + string.Concat(prefixes.Select(p => $"WHEN {p.Condition} THEN {CategoryOf(p.Type)} ")) + $"ELSE {CategoryOf(EntityType.Other)} END";

    // The report class the same way, from the rule set's own ReportClasses.Of (as an index into ReportClasses.All).
    string ClassOf(EntityType type) => rules.Categories.NeedsSizeClass(type)
        ? "CASE e.size_class " + string.Concat(Enum.GetValues<SizeClass>().Select(s => $"WHEN '{s}' THEN {ReportClasses.Order(ReportClasses.Of(type, s, rules.Categories))} ")) + "END"
        : ReportClasses.Order(ReportClasses.Of(type, null, rules.Categories)).ToString(CultureInfo.InvariantCulture);
    var reportClass = "CASE " + string.Concat(prefixes.Select(p => $"WHEN {p.Condition} THEN {ClassOf(p.Type)} ")) + $"ELSE {ClassOf(EntityType.Other)} END";

    var lines = new StringBuilder();
    var sums = new StringBuilder();
    foreach (var insurance in ReliefNames.Insurances)
    {
        var i = (int)insurance;
        var p = parameters.Insurances[insurance];
        var rate = p.EmployerRate is null ? "e.injury_rate / 100" : N(p.EmployerRate.Number);
        lines.Append(CultureInfo.InvariantCulture, $", round(least(greatest(s.wage, {N(p.BaseFloor.Number)}), {N(p.BaseCeiling.Number)}) * {rate}, 2) AS due{i}");
        lines.Append(CultureInfo.InvariantCulture, $", round(least(greatest(s.wage, {N(p.BaseFloor.Number)}), {N(p.BaseCeiling.Number)}) * {N(p.EmployeeRate.Number)}, 2){(insurance == Insurance.Medical ? $" + {N(parameters.MedicalEmployeeFlat.Number)}" : "")} AS ee{i}");
        var payable = p.IsRelieved
            ? $"round(due{i} * CASE category {string.Concat(categories.Select(c => $"WHEN {(int)c} THEN {N(p.PayableFactors[c].Number)} "))}END, 2)"
            : $"due{i}";
        sums.Append(CultureInfo.InvariantCulture, $", sum(due{i}), sum(due{i} - {payable}), sum({payable}), sum(ee{i})");
    }

    var sql = $"""
        SELECT category, report_class, count(*){sums}
        FROM (SELECT {category} AS category, {reportClass} AS report_class{lines}
              FROM registry.employment_spells s JOIN registry.employers e ON e.uscc = s.employer_uscc
              WHERE s.start_month <= {yyyymm} AND (s.end_month IS NULL OR s.end_month >= {yyyymm})) AS line
        GROUP BY category, report_class
        """;
    var totals = new long[categories.Length, 5, 4];
    var byClass = new long[ReportClasses.All.Count, 4];
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var c = reader.GetInt32(0);
        var k = reader.GetInt32(1);
        byClass[k, 0] += reader.GetInt64(2);
        for (var f = 0; f < 20; f++)
        {
            var fen = (long)(reader.GetDecimal(f + 3) * 100m);
            totals[c, f / 4, f % 4] += fen;
            if (f % 4 != MonthlyBilling.EmployeePayable)
            {
                byClass[k, 1 + (f % 4)] += fen;
            }
        }
    }

    return new SqlTotals(totals, byClass);
}

// ---- (e) a scenario over a range of months ------------------------------------------------------------------------
async Task<bool> ScenarioAsync()
{
    // The example "extend the large employers' halving to 2020-12" over the range, for the whole city, beside the
    // set-based SQL statement once per month; the scenario's baseline must be the SQL's figures to the fen, month by month.
    var months = scenarioLast.Ordinal - scenarioFirst.Ordinal + 1;
    Console.WriteLine($"(e) scenario extend-large-halving over {scenarioFirst} … {scenarioLast} ({months} months)");
    var sqlByMonth = new List<(YearMonth Month, double Seconds, SqlTotals Totals)>();
    for (var m = scenarioFirst; m <= scenarioLast; m = m.AddMonths(1))
    {
        var watch = Stopwatch.StartNew();
        var totals = await SetBasedSqlAsync(m);
        sqlByMonth.Add((m, watch.Elapsed.TotalSeconds, totals));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  SQL {m}: {watch.Elapsed.TotalSeconds:F1} s"));
    }

    var sqlSeconds = sqlByMonth.Sum(x => x.Seconds);

    // One month first, then the range: the peak memory must not grow with the months.
    var (oneSeconds, onePeak, _) = await RunScenarioAsync(scenarioFirst, scenarioFirst);
    var (scenarioSeconds, scenarioPeak, runId) = await RunScenarioAsync(scenarioFirst, scenarioLast);
    var stored = await StoredScenarioAsync(runId);

    // The runner's previous path, for the ratio before/after: the assessment's SnapshotBilling once per month (a month
    // snapshot read, both rule sets billed into a ledger of every employer), summed by report class.
    GC.Collect();
    ResetPeakMemory();
    var perMonthWatch = Stopwatch.StartNew();
    var perMonth = await PerMonthAsync();
    var perMonthSeconds = perMonthWatch.Elapsed.TotalSeconds;
    var perMonthPeak = PeakMemoryMb();

    var problems = new List<string>();
    var classes = ReportClasses.All;
    foreach (var (m, _, totals) in sqlByMonth)
    {
        for (var k = 0; k < classes.Count; k++)
        {
            var expected = Enumerable.Range(0, 4).Select(f => totals.ByClass[k, f]).ToArray();
            foreach (var (what, figures) in new[] { ("scenario baseline", stored), ("month-by-month baseline", perMonth) })
            {
                var actual = figures.GetValueOrDefault((m.Number, classes[k])) ?? new long[7];
                if (!expected.SequenceEqual(actual.Take(4)))
                {
                    problems.Add($"{m} {classes[k]}: SQL {string.Join('/', expected)} vs {what} {string.Join('/', actual.Take(4))} (insured/due/relief/payable, fen)");
                }
            }
        }
    }

    // Both paths give the same scenario side too.
    foreach (var (key, figures) in stored)
    {
        if (!figures.SequenceEqual(perMonth.GetValueOrDefault(key) ?? []))
        {
            problems.Add($"{key}: the scenario run and the month-by-month path differ");
        }
    }

    var reliefBefore = stored.Values.Sum(v => v[2]);
    var reliefAfter = stored.Values.Sum(v => v[5]);
    Console.WriteLine();
    Console.WriteLine($"| run ({scenarioFirst} … {scenarioLast}, {employers:N0} employers) | seconds | note |");
    Console.WriteLine("|---|---:|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the set-based SQL statement, once per month ({months} runs) | {sqlSeconds:F1} | {sqlByMonth.Min(x => x.Seconds):F1}–{sqlByMonth.Max(x => x.Seconds):F1} s a month, baseline only |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| (e) the scenario over {months} months (baseline and scenario) | {scenarioSeconds:F1} | peak memory {scenarioPeak:F0} MB |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| (e) the scenario over 1 month ({scenarioFirst}) | {oneSeconds:F1} | peak memory {onePeak:F0} MB |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the previous path: SnapshotBilling month by month ({months} reads) | {perMonthSeconds:F1} | peak memory {perMonthPeak:F0} MB, nothing written |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Relief over the range: baseline {reliefBefore / 100m:N2} yuan, scenario {reliefAfter / 100m:N2} yuan, difference {(reliefAfter - reliefBefore) / 100m:N2} yuan"));
    Console.WriteLine(problems.Count == 0
        ? $"(e) the scenario's baseline equals the SQL's figures to the fen in every month and report class ({months * classes.Count * 4} numbers: insured, employer due, relief, payable)"
        : $"(e) DIFFERS from the SQL: {string.Join("; ", problems.Take(6))}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(e) scenario vs {months} SQL runs: {sqlSeconds / scenarioSeconds:F1}x (goal >= 2x); (e) {scenarioSeconds:F1} s (goal <= 60 s); peak memory {scenarioPeak:F0} MB over {months} months against {onePeak:F0} MB over one (goal: flat)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(e) scenario vs the previous month-by-month path: {perMonthSeconds / scenarioSeconds:F1}x"));
    return problems.Count == 0;
}

async Task<(double Seconds, double PeakMb, Guid RunId)> RunScenarioAsync(YearMonth first, YearMonth last)
{
    Guid runId;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
        var example = ScenarioExamples.Find("extend-large-halving")!;
        var scenario = await db.Scenarios.FirstOrDefaultAsync(s => s.Name == "bench " + example.Key);
        if (scenario is null)
        {
            scenario = new Scenario { Id = Guid.NewGuid(), Name = "bench " + example.Key, Description = example.Description, OverridesYaml = example.OverridesYaml, CreatedBy = "bench", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.Scenarios.Add(scenario);
        }

        var run = new ScenarioRun
        {
            Id = Guid.NewGuid(), ScenarioId = scenario.Id, FirstMonth = first, LastMonth = last,
            Status = AssessmentStatus.Running, RuleSetVersion = rules.Version, StartedBy = "bench", StartedAt = DateTimeOffset.UtcNow,
        };
        db.ScenarioRuns.Add(run);
        await db.SaveChangesAsync();
        runId = run.Id;
    }

    GC.Collect();
    ResetPeakMemory();
    var watch = Stopwatch.StartNew();
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ScenarioRunner>().RunAsync(runId);
    }

    var seconds = watch.Elapsed.TotalSeconds;
    var peak = PeakMemoryMb();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  scenario {first} … {last}: {seconds:F1} s, peak memory {peak:F0} MB"));
    return (seconds, peak, runId);
}

async Task<Dictionary<(int Month, string ReportClass), long[]>> PerMonthAsync()
{
    var scenarioRules = ScenarioHandler.ScenarioRules(new Scenario { Name = "bench", OverridesYaml = ScenarioExamples.Find("extend-large-halving")!.OverridesYaml }, rules);
    var figures = new Dictionary<(int Month, string ReportClass), long[]>();
    for (var m = scenarioFirst; m <= scenarioLast; m = m.AddMonths(1))
    {
        var watch = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var billed = await SnapshotBilling.BillAsync(
            scope.ServiceProvider.GetRequiredService<IInsuredEmploymentSource>(), [new MonthlyBilling(rules, m), new MonthlyBilling(scenarioRules, m)], new HashSet<string>(), null, CancellationToken.None);
        var (before, after) = (billed.Ledgers[0], billed.Ledgers[1]);
        for (var k = 0; k < before.Count; k++)
        {
            var key = (m.Number, before.ReportClasses[k]);
            if (!figures.TryGetValue(key, out var sums))
            {
                figures[key] = sums = new long[7];
            }

            sums[0] += before.InsuredOf(k);
            for (var f = 0; f < 3; f++)
            {
                sums[1 + f] += EmployerLedger.Total(before.Bill(k), f);
                sums[4 + f] += EmployerLedger.Total(after.Bill(k), f);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  month by month {m}: {watch.Elapsed.TotalSeconds:F1} s"));
    }

    return figures;
}

async Task<Dictionary<(int Month, string ReportClass), long[]>> StoredScenarioAsync(Guid runId)
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
    var rows = await db.ScenarioResults.AsNoTracking().Where(r => r.ScenarioRunId == runId).ToListAsync();
    return rows.ToDictionary(
        r => (r.Month.Number, r.ReportClass),
        r => new[] { r.Insured, Fen(r.BaselineEmployerDue), Fen(r.BaselineEmployerRelief), Fen(r.BaselineEmployerPayable), Fen(r.ScenarioEmployerDue), Fen(r.ScenarioEmployerRelief), Fen(r.ScenarioEmployerPayable) });

    static long Fen(decimal yuan) => (long)(yuan * 100m);
}


// ---- columns for (b) and (c) -----------------------------------------------------------------------------------------
async Task<Columns> LoadColumnsAsync()
{
    await using var scope = app.Services.CreateAsyncScope();
    await using var read = await scope.ServiceProvider.GetRequiredService<IInsuredEmploymentSource>().OpenMonthAsync(month);
    var billing = new MonthlyBilling(rules, month);
    var facts = new List<InsuredEmployer>();
    await foreach (var e in read.ReadEmployersAsync())
    {
        facts.Add(e);
    }

    var ledger = new EmployerLedger(facts, billing, new HashSet<string>());
    var wages = new List<long>(12_000_000);
    var employer = new List<int>(12_000_000);
    await foreach (var block in read.ReadWagesAsync())
    {
        wages.AddRange(block.WagesFen.AsSpan(0, block.Count));
        employer.AddRange(block.Employers.AsSpan(0, block.Count));
    }

    return new Columns([.. wages], [.. employer], ledger.Categories.Select(c => (sbyte)c).ToArray(), ledger.InjuryRates, ledger);
}

// ---- (b) -----------------------------------------------------------------------------------------------------------
(double Seconds, long[,,] Totals) RunNumpy(Columns c)
{
    var directory = Path.Combine(Path.GetTempPath(), $"wenjiu-bench-relief-{Environment.ProcessId}");
    Directory.CreateDirectory(directory);
    try
    {
        File.WriteAllBytes(Path.Combine(directory, "wages.i64"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Wages.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(directory, "employer.i32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Employer.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(directory, "category.i8"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Category.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(directory, "injury.i64"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Injury.AsSpan()).ToArray());
        var parameters = rules.For(month);
        var insurances = ReliefNames.Insurances.Select(i => parameters.Insurances[i]).ToList();
        File.WriteAllText(Path.Combine(directory, "params.json"), JsonSerializer.Serialize(new
        {
            floor = insurances.Select(p => p.FloorFen),
            ceiling = insurances.Select(p => p.CeilingFen),
            employer_rate = insurances.Select(p => p.EmployerRateBillionths ?? -1),
            employee_rate = insurances.Select(p => p.EmployeeRateBillionths),
            factors = categories.Select(cat => insurances.Select(p => p.FactorBillionths?[(int)cat] ?? -1)),
            flat = parameters.MedicalEmployeeFlatFen,
        }));
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "relief.py"), directory },
            RedirectStandardOutput = true,
        })!;
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException("relief.py failed.");
        }

        using var json = JsonDocument.Parse(output);
        var totals = new long[categories.Length, 5, 4];
        var cats = json.RootElement.GetProperty("totals");
        for (var k = 0; k < categories.Length; k++)
        {
            for (var i = 0; i < 5; i++)
            {
                for (var f = 0; f < 4; f++)
                {
                    totals[k, i, f] = cats[k][i][f].GetInt64();
                }
            }
        }

        return (json.RootElement.GetProperty("seconds").GetDouble(), totals);
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}

// ---- (c) -----------------------------------------------------------------------------------------------------------
long[,,] EngineInMemory(Columns c)
{
    // The engine's own path (EmployerLedger.Add → MonthlyBilling.Bill): one worker per core, each billing its share of
    // the employers into their bills; then the bills summed per category.
    var billing = new MonthlyBilling(rules, month);
    var ledger = c.Ledger;
    ledger.Reset();
    var all = new InsuredWages(c.Employer, c.Wages, c.Wages.Length);
    var workers = Environment.ProcessorCount >= 4 ? 4 : Environment.ProcessorCount >= 2 ? 2 : 1;
    Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => ledger.Add(billing, all, w, workers));

    var totals = new long[categories.Length, 5, 4];
    for (var k = 0; k < ledger.Count; k++)
    {
        var bill = ledger.Bill(k);
        var category = (int)ledger.Categories[k];
        for (var f = 0; f < MonthlyBilling.Width; f++)
        {
            totals[category, f / 4, f % 4] += bill[f];
        }
    }

    return totals;
}

// ---- (d) as stored -------------------------------------------------------------------------------------------------------
async Task<long[,,]> StoredTotalsAsync(Guid runId)
{
    string[] names = ["employer_due", "employer_relief", "employer_payable", "employee_payable"];
    var figures = string.Join(", ", ReliefNames.Insurances.SelectMany(i => names.Select(f => $"sum({i.Code()}_{f})")));
    var totals = new long[categories.Length, 5, 4];
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand($"SELECT category, {figures} FROM relief.employer_assessments WHERE run_id = @run GROUP BY category", connection) { CommandTimeout = 0 };
    command.Parameters.AddWithValue("run", runId);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        if (!ReliefNames.TryParseCategory(reader.GetString(0), out var category))
        {
            throw new InvalidOperationException($"Unknown category {reader.GetString(0)}.");
        }

        for (var f = 0; f < 20; f++)
        {
            totals[(int)category, f / 4, f % 4] = (long)(reader.GetDecimal(f + 1) * 100m);
        }
    }

    return totals;
}

async Task CalibrationAsync(Guid runId)
{
    // Published for February 2020 (relief-rules.md "Calibration"): large 1.7 bn over 1.63 m insured (1,044 per insured),
    // SMEs 9.2 bn over 7.38 m insured (1,245 per insured). Large = the large report class; SMEs = the sme category.
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        """
        SELECT 'large', count(*), sum(insured), sum(pension_employer_relief + unemployment_employer_relief + work_injury_employer_relief)
        FROM relief.employer_assessments WHERE run_id = @run AND report_class = 'large'
        UNION ALL
        SELECT 'sme', count(*), sum(insured), sum(pension_employer_relief + unemployment_employer_relief + work_injury_employer_relief)
        FROM relief.employer_assessments WHERE run_id = @run AND category = 'sme'
        """, connection);
    command.Parameters.AddWithValue("run", runId);
    await using var reader = await command.ExecuteReaderAsync();
    Console.WriteLine();
    Console.WriteLine("Calibration (published Feb 2020: large 1.7 bn, 1,044 per insured; SME 9.2 bn, 1,245 per insured):");
    while (await reader.ReadAsync())
    {
        var insured = reader.GetInt64(2);
        var relief = reader.GetDecimal(3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {reader.GetString(0),-6} {reader.GetInt64(1),9:N0} employers {insured,12:N0} insured  relief {relief / 1e9m,6:F2} bn  {relief / Math.Max(1, insured),8:N0} per insured"));
    }
}

List<string> Differences(long[,,] expected, long[,,] actual)
{
    var list = new List<string>();
    foreach (var c in categories)
    {
        foreach (var i in ReliefNames.Insurances)
        {
            for (var f = 0; f < 4; f++)
            {
                if (expected[(int)c, (int)i, f] != actual[(int)c, (int)i, f])
                {
                    list.Add($"{c.Code()} {i.Code()} figure {f}: {expected[(int)c, (int)i, f]} vs {actual[(int)c, (int)i, f]} fen");
                }
            }
        }
    }

    return list;
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
    var app = builder.Build();
    if (migrate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ReliefDbContext>().Database.MigrateAsync();
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

// Linux keeps the process's peak resident set in VmHWM; writing 5 to clear_refs starts a new peak.
static void ResetPeakMemory() => File.WriteAllText("/proc/self/clear_refs", "5");

static double PeakMemoryMb()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

/// <summary>What (b) and (c) compute over: per active spell its wage in fen and its employer; per employer its category and rate.</summary>
/// <summary>(a)'s answer: per category × insurance × figure (fen), and per report class insured, employer due, relief and payable (fen).</summary>
internal sealed record SqlTotals(long[,,] ByCategory, long[,] ByClass);

internal sealed record Columns(long[] Wages, int[] Employer, sbyte[] Category, long[] Injury, EmployerLedger Ledger)
{
    public int Employers => Category.Length;
}
