using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wenjiu.Ledger;
using Wenjiu.Payments;
using Wenjiu.Platform;
using Wenjiu.Platform.ApiTokens;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Features.Search;
using Wenjiu.Registry;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Relief;
using Wenjiu.Reviews;
using Wenjiu.Web;

// bench/search: the job search of 1 million bilingual postings (the synthetic city's labour market) through HTTP, in one
// run on this machine (README.md). The real web host (Wenjiu.Web's setup, every module) on a loopback Kestrel port,
// loaded by wrk at 10 connections with a query mix drawn from the taxonomy, side by side and alternating:
//   bare      a constant JSON answer of the same host, no sign-in (the host's floor);
//   bare+pat  the same behind the API's personal access token (what every /api/v1 call pays before its own work);
//   ours      GET /api/v1/jobs (JobIndex: Lucene.NET, facets) with the token;
//   pg        the same queries as SQL on the same data with the token: pg_trgm GIN for Chinese substrings, tsvector GIN
//             for English, the same filters, ORDER BY a rank, LIMIT 20, plus the count;
//   ours-anon, pg-anon  the same two without the token (the search's own cost).
// Before the load: the index rebuilt from the database by the rebuild job's code path (IndexTail.RebuildAsync), timed.
// Usage: bench/search/run [--seed 2020] [--rounds 2] [--seconds 20] [--connections 10] [--no-rebuild] [--only ours,pg] [--recommend]
var seed = Argument("--seed", 2020);
var rounds = Argument("--rounds", 2);
var seconds = Argument("--seconds", 20);
var connections = Argument("--connections", 10);
var threads = Argument("--threads", 2);
var noRebuild = args.Contains("--no-rebuild");
var recommend = args.Contains("--recommend");
var only = StringArgument("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var server = Environment.GetEnvironmentVariable("WENJIU_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("WENJIU_BENCH_POSTGRES is not set: start the benchmark with bench/search/run.");
var wrk = Environment.GetEnvironmentVariable("WENJIU_WRK") ?? "wrk";
var output = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "out"));
Directory.CreateDirectory(output);

// 0. The city's employers and its labour market in PostgreSQL, loaded once per seed (kept when the server is kept):
// the registry's employers (names, key-enterprise flags) by its importer, the postings by IMarketFiles (binary COPY),
// then PostgreSQL's own search indexes over the open postings.
var database = $"wenjiu_bench_search_{seed}";
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
var indexDirectory = Path.Combine(output, $"index-{seed}");
if (!await IsLoadedAsync())
{
    if (!await PostingsLoadedAsync())
    {
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        NpgsqlConnection.ClearAllPools();
        var directory = Path.Combine(output, $"market-{seed}");
        if (!File.Exists(Path.Combine(directory, "complete")))
        {
            var generating = Stopwatch.StartNew();
            var employers = CityFiles.WriteEmployers(CityScale.City, seed, directory);
            var market = MarketFiles.Write(CityScale.City, seed, directory);
            File.WriteAllText(Path.Combine(directory, "complete"), string.Create(CultureInfo.InvariantCulture, $"{employers} {market.Postings}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generated {employers:N0} employers and {market.Postings:N0} postings ({market.Seekers:N0} seekers) in {generating.Elapsed.TotalSeconds:F0} s into {directory}"));
        }

        await using (var host = Host(connectionString, indexDirectory, port: 0))
        {
            await DatabaseMigrator.MigrateAsync(host.Services);
            await using var scope = host.Services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var outcome = await scope.ServiceProvider.GetRequiredService<RegistryImporter>()
                .ImportAsync(ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile), CityFiles.EmployersFile, "bench");
            if (outcome.Status != ImportStatus.Completed)
            {
                throw new InvalidOperationException($"The employers import did not complete: {outcome.Message}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {outcome.RowsImported:N0} employers in {watch.Elapsed.TotalSeconds:F0} s"));
            watch.Restart();
            var loaded = await scope.ServiceProvider.GetRequiredService<IMarketFiles>()
                .LoadAsync(Path.Combine(directory, MarketFiles.PostingsFile), Path.Combine(directory, MarketFiles.SeekersFile));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {loaded.Postings:N0} postings (IMarketFiles, binary COPY) in {watch.Elapsed.TotalSeconds:F0} s"));
        }
    }

    // PostgreSQL at its best for these queries: partial indexes over the open postings only (as the Lucene index holds
    // only those), trigrams for Chinese substrings, the English text search vector, and posted date for browsing.
    var indexing = Stopwatch.StartNew();
    await ExecuteAsync(connectionString,
        """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        SET maintenance_work_mem = '512MB';
        CREATE INDEX IF NOT EXISTS bench_postings_title_zh_trgm ON recruitment.postings USING gin (title_zh gin_trgm_ops) WHERE status = 'Open';
        CREATE INDEX IF NOT EXISTS bench_postings_title_en_tsv ON recruitment.postings USING gin (to_tsvector('english', title_en)) WHERE status = 'Open';
        CREATE INDEX IF NOT EXISTS bench_postings_posted ON recruitment.postings (posted_on DESC, id DESC) WHERE status = 'Open';
        CREATE INDEX IF NOT EXISTS bench_postings_district ON recruitment.postings (district, posted_on DESC, id DESC) WHERE status = 'Open';
        """);
    await ExecuteAsync(connectionString, "VACUUM ANALYZE recruitment.postings");
    await ExecuteAsync(connectionString, "CREATE TABLE public.bench_loaded (at timestamptz DEFAULT now())");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL's search indexes built in {indexing.Elapsed.TotalSeconds:F0} s"));
}

// The recommendations need the seekers: a database kept from before seekers were loaded gets the schema's new tables
// and the seekers file (persons through the registry, seekers by COPY, the candidates table in one statement).
if (recommend)
{
    await using var host = Host(connectionString, indexDirectory, port: 0);
    await DatabaseMigrator.MigrateAsync(host.Services);
    await using var scope = host.Services.CreateAsyncScope();
    if (!await scope.ServiceProvider.GetRequiredService<Wenjiu.Recruitment.Data.RecruitmentDbContext>().Seekers.AnyAsync())
    {
        var watch = Stopwatch.StartNew();
        var loader = (Wenjiu.Recruitment.Features.Postings.MarketFileLoader)scope.ServiceProvider.GetRequiredService<IMarketFiles>();
        var loaded = await loader.LoadSeekersOnlyAsync(Path.Combine(output, $"market-{seed}", MarketFiles.SeekersFile));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Loaded {loaded:N0} seekers (IMarketFiles, persons through IPersonRecords, binary COPY) in {watch.Elapsed.TotalSeconds:F0} s"));
    }
}

var port = FreePort();
await using var app = Host(connectionString, indexDirectory, port);
Console.WriteLine(await ScalarTextAsync(
    """
    SELECT format('Database %s: %s employers, %s postings (%s open), %s changes in the sequence', current_database(),
        to_char((SELECT count(*) FROM registry.employers), 'FM999,999,999'),
        to_char((SELECT count(*) FROM recruitment.postings), 'FM999,999,999'),
        to_char((SELECT count(*) FROM recruitment.postings WHERE status = 'Open'), 'FM999,999,999'),
        to_char((SELECT count(*) FROM recruitment.posting_changes), 'FM999,999,999'))
    """));

// 1. The index rebuilt from the database by the rebuild job's code path (what `recruitment.rebuild-index` runs), before
// the host starts (so the node's tail does not rebuild it itself); --no-rebuild keeps an index a previous run built.
var index = app.Services.GetRequiredService<JobIndex>();
var rebuildSeconds = double.NaN;
if (!noRebuild || index.IsNew || index.Count() == 0)
{
    GC.Collect();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    int indexed;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var tail = scope.ServiceProvider.GetRequiredService<IndexTail>();
        var next = 100_000;
        indexed = await tail.RebuildAsync(n =>
        {
            if (n >= next)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rebuild: {n:N0} postings indexed after {watch.Elapsed.TotalSeconds:F0} s"));
                next += 100_000;
            }

            return Task.CompletedTask;
        }, CancellationToken.None);
    }

    rebuildSeconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Index rebuild (IndexTail.RebuildAsync, the rebuild job's path): {indexed:N0} open postings in {rebuildSeconds:F1} s, this process's CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s; index on disk {DirectoryMb(indexDirectory):F0} MB"));
}
else
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Index kept from a previous run (--no-rebuild): {index.Count():N0} postings"));
}

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var afterRebuild = Memory();
Console.WriteLine($"Memory after the rebuild (after a full collection): {afterRebuild}");

// --profile: the query mix straight against the index, no HTTP (while tuning JobIndex): the slowest queries and the mean.
if (args.Contains("--profile"))
{
    var queries = QueryMix(400, seed);
    var timings = new List<(double Ms, string Query, int Total)>();
    for (var pass = 0; pass < Argument("--passes", 3); pass++)
    {
        timings.Clear();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var all = Stopwatch.StartNew();
        foreach (var q in queries)
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(q);
            string? V(string key) => form.TryGetValue(key, out var value) ? value.ToString() : null;
            var watch = Stopwatch.StartNew();
            var found = index.Search(new JobQuery(V("q"), V("district"), V("occupation"), V("key_enterprise") is { } k ? bool.Parse(k) : null, null, null, null,
                V("page") is { } pg ? int.Parse(pg, CultureInfo.InvariantCulture) : 1));
            timings.Add((watch.Elapsed.TotalMilliseconds, Uri.UnescapeDataString(q), found.Total));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"profile pass {pass + 1}: {queries.Count} searches in {all.Elapsed.TotalMilliseconds:F0} ms, mean {timings.Average(t => t.Ms):F2} ms, p95 {timings.Select(t => t.Ms).Order().ElementAt(timings.Count * 95 / 100):F2} ms, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / queries.Count:F2} ms a search"));
    }

    foreach (var t in timings.OrderByDescending(t => t.Ms).Take(12))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Ms,8:F2} ms  {t.Total,8:N0} hits  {t.Query}"));
    }

    return 0;
}

// --profile-recommend: the recommender for 400 of the city's seekers straight in-process (no HTTP, no token), with the
// time of its pool query alone beside the whole (while tuning Recommender and JobIndex.RecommendationPool).
if (args.Contains("--profile-recommend"))
{
    var seekers = Enumerable.Range(0, 400).Select(i => (long)new Random(seed + i).Next(1, 500_001)).ToList();
    for (var pass = 0; pass < Argument("--passes", 3); pass++)
    {
        var timings = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var all = Stopwatch.StartNew();
        var found = 0;
        foreach (var id in seekers)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var recommender = scope.ServiceProvider.GetRequiredService<Wenjiu.Recruitment.Features.Recommendations.Recommender>();
            var watch = Stopwatch.StartNew();
            found += (await recommender.ForSeekerAsync(id, 20))?.Count ?? 0;
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recommend pass {pass + 1}: {seekers.Count} seekers in {all.Elapsed.TotalMilliseconds:F0} ms, {found:N0} recommendations, mean {timings.Average():F2} ms, p95 {timings.Order().ElementAt(timings.Count * 95 / 100):F2} ms, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / seekers.Count:F2} ms a seeker"));
    }

    return 0;
}

await app.StartAsync();
var baseUrl = $"http://127.0.0.1:{port}";
var token = await TokenAsync(app.Services);
using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
client.DefaultRequestHeaders.Authorization = new("Bearer", token);

// The query mix: Chinese titles and their substrings, English words and phrases, filters by district, occupation and
// key enterprise, pages 2 and beyond; the same list, in the same order, for ours and PostgreSQL's.
var mix = QueryMix(400, seed);
File.WriteAllLines(Path.Combine(output, "queries.txt"), mix.Select(Uri.UnescapeDataString));
Console.WriteLine($"Query mix: {mix.Count} queries (bench/search/out/queries.txt), e.g. {string.Join("  ", mix.Take(6).Select(Uri.UnescapeDataString))}");

// Both searches agree on what they find where their rules coincide: the totals side by side for a few queries.
foreach (var q in mix.Take(8))
{
    var ours = await client.GetFromJsonAsync<Totals>($"/api/v1/jobs?{q}");
    var pg = await client.GetFromJsonAsync<Totals>($"/api/v1/bench/pg-jobs?{q}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Uri.UnescapeDataString(q),-60} ours {ours!.Total,8:N0}  pg {pg!.Total,8:N0}"));
}

var variants = new List<Variant>
{
    new("bare", "/bench/bare", [""], Token: false),
    new("bare+pat", "/api/v1/bench/bare", [""], Token: true),
    new("ours", "/api/v1/jobs", mix, Token: true),
    new("pg", "/api/v1/bench/pg-jobs", mix, Token: true),
    new("ours-anon", "/bench/jobs", mix, Token: false),
    new("pg-anon", "/bench/pg-jobs", mix, Token: false),
};

// 5. Recommendations top-20 (issue 10 §3): not built yet. --recommend adds the variant once the endpoint answers.
if (recommend)
{
    var probe = await client.GetAsync("/api/v1/seekers/1/recommendations");
    if (probe.StatusCode == HttpStatusCode.NotFound)
    {
        Console.WriteLine("Recommendations: GET /api/v1/seekers/{id}/recommendations answers 404 — the recommender is not built yet; skipped.");
    }
    else
    {
        var seekers = Enumerable.Range(0, 400).Select(i => new Random(seed + i).Next(1, 500_001).ToString(CultureInfo.InvariantCulture)).ToList();
        variants.Add(new("recommend", "/api/v1/seekers/", [.. seekers.Select(s => $"{s}/recommendations")], Token: true, PathStyle: true));
    }
}

if (only is not null)
{
    variants = [.. variants.Where(v => only.Contains(v.Name))];
}

// Warm-up: the JIT, the connection pools, the page cache of the index and the tables, 5 s each, not counted.
foreach (var v in variants)
{
    await WrkAsync(v, 5);
}

var results = new List<(int Round, Variant Variant, WrkResult Result, string Memory, double CpuMsPerRequest)>();
for (var round = 1; round <= rounds; round++)
{
    foreach (var v in variants)
    {
        using var sampler = new MemorySampler();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await WrkAsync(v, seconds);
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Math.Max(1, result.Requests);
        var peak = await sampler.StopAsync();
        results.Add((round, v, result, peak, cpuMs));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round} {v.Name,-10} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50,7:F2} ms  p95 {result.P95,7:F2} ms  p99 {result.P99,7:F2} ms  {result.Requests,8:N0} requests, {result.Errors} errors; host CPU {cpuMs:F2} ms a request; {peak}"));
        if (result.Errors > 0 || result.Requests == 0)
        {
            Console.WriteLine($"  {v.Name}: wrk reported errors:{Environment.NewLine}{result.Raw}");
        }
    }
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Summary: {connections} connections, wrk -t{threads}, {seconds} s a run, {rounds} rounds alternating ({string.Join(", ", variants.Select(v => v.Name))}); mean of the rounds"));
Console.WriteLine("| variant | requests/s | p50 ms | p95 ms | p99 ms | host CPU ms/request |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
var mean = variants.ToDictionary(v => v.Name, v =>
{
    var rs = results.Where(r => r.Variant.Name == v.Name).ToList();
    return (Rps: rs.Average(r => r.Result.RequestsPerSecond), P50: rs.Average(r => r.Result.P50), P95: rs.Average(r => r.Result.P95), P99: rs.Average(r => r.Result.P99), Cpu: rs.Average(r => r.CpuMsPerRequest));
});
foreach (var (name, m) in mean)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {m.Rps:F0} | {m.P50:F2} | {m.P95:F2} | {m.P99:F2} | {m.Cpu:F2} |"));
}

Console.WriteLine();
double Ratio(int round, string a, string b) =>
    results.Single(r => r.Round == round && r.Variant.Name == a).Result.RequestsPerSecond / results.Single(r => r.Round == round && r.Variant.Name == b).Result.RequestsPerSecond;
string Ratios(string a, string b) => mean.ContainsKey(a) && mean.ContainsKey(b)
    ? string.Join(", ", Enumerable.Range(1, rounds).Select(r => Ratio(r, a, b).ToString("F3", CultureInfo.InvariantCulture))) + " (rounds)"
    : "not measured";
Console.WriteLine("Goals (issue 10, Proof):");
if (mean.TryGetValue("ours", out var o))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  our p95 ≤ 50 ms:                         {(o.P95 <= 50 ? "PASS" : "FAIL")}  {o.P95:F2} ms (p50 {o.P50:F2}, p99 {o.P99:F2})"));
    if (mean.TryGetValue("pg", out var p))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  throughput ≥ 2 × PostgreSQL's:            {(o.Rps >= 2 * p.Rps ? "PASS" : "FAIL")}  {o.Rps / p.Rps:F2} × ({o.Rps:F0} against {p.Rps:F0} req/s; per round {Ratios("ours", "pg")})"));
    }

    if (mean.TryGetValue("bare", out var b))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  throughput ≥ 40% of the bare endpoint's:  {(o.Rps >= 0.4 * b.Rps ? "PASS" : "FAIL")}  {100 * o.Rps / b.Rps:F1}% ({o.Rps:F0} against {b.Rps:F0} req/s; per round {Ratios("ours", "bare")})"));
    }

    if (mean.TryGetValue("bare+pat", out var bp))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    … of the bare endpoint behind the token:  {100 * o.Rps / bp.Rps:F1}% ({o.Rps:F0} against {bp.Rps:F0} req/s; per round {Ratios("ours", "bare+pat")})"));
    }

    if (mean.TryGetValue("ours-anon", out var oa) && mean.TryGetValue("pg-anon", out var pa))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    without the token: ours {oa.Rps:F0} req/s (p95 {oa.P95:F2} ms), pg {pa.Rps:F0} req/s (p95 {pa.P95:F2} ms): {oa.Rps / pa.Rps:F2} × (per round {Ratios("ours-anon", "pg-anon")})"));
        if (mean.TryGetValue("bare", out var b2))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    without the token, ours against bare: {100 * oa.Rps / b2.Rps:F1}% (per round {Ratios("ours-anon", "bare")})"));
        }
    }
}

Console.WriteLine(double.IsNaN(rebuildSeconds)
    ? "  index rebuild ≤ 5 min:                    not run (--no-rebuild)"
    : string.Create(CultureInfo.InvariantCulture, $"  index rebuild ≤ 5 min:                    {(rebuildSeconds <= 300 ? "PASS" : "FAIL")}  {rebuildSeconds:F1} s"));
Console.WriteLine(mean.TryGetValue("recommend", out var rec)
    ? string.Create(CultureInfo.InvariantCulture, $"  recommendations top-20 p95 ≤ 50 ms:       {(rec.P95 <= 50 ? "PASS" : "FAIL")}  {rec.P95:F2} ms")
    : "  recommendations top-20 p95 ≤ 50 ms:       not measured (the recommender is not built yet; --recommend)");
Console.WriteLine($"Memory: after the rebuild {afterRebuild}; under load (peak while ours ran) {string.Join("; ", results.Where(r => r.Variant.Name == "ours").Select(r => r.Memory))}");
await app.StopAsync();
return 0;

// ---- the host ---------------------------------------------------------------------------------------------------
// Wenjiu.Web's Program, module for module, with the bench's endpoints added: the bare answers and PostgreSQL's search.
static WebApplication Host(string connectionString, string indexDirectory, int port)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["urls"] = port == 0 ? "http://127.0.0.1:0" : $"http://127.0.0.1:{port}",
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = connectionString,
        ["Database:MigrateOnStart"] = "false",
        ["Wenjiu:DataDirectory"] = Path.Combine(Path.GetDirectoryName(indexDirectory)!, "data"),
        ["Recruitment:Search:Directory"] = indexDirectory,
        ["PersonalData:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["PersonalData:LookupKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        // The token's rate limit (600 a minute) would answer 429 to a load generator: lifted for the bench only.
        ["ApiTokens:RequestsPerMinute"] = "100000000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Wenjiu"] = "Warning",
        // EF Core logs its look for a migrations table a fresh database has not got as a failure: not one here.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        ["Logging:Console:FormatterName"] = "simple",
    });
    builder.AddPlatform();
    builder.AddWeb();
    builder.AddRegistry();
    builder.AddRelief();
    builder.AddPayments();
    builder.AddLedger();
    builder.AddReviews();
    builder.AddRecruitment();
    builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
    var app = builder.Build();
    app.UseWeb();
    app.MapWeb();
    app.MapRegistry();
    app.MapRelief(WebSetup.PublicRateLimit);
    app.MapPayments();
    app.MapLedger();
    app.MapReviews();
    app.MapRecruitment();

    // The bench's own endpoints (this host only, never the product's).
    app.MapGet("/bench/bare", () => TypedResults.Ok(new BareAnswer("ok", 1))).AllowAnonymous();
    app.MapGet("/api/v1/bench/bare", () => TypedResults.Ok(new BareAnswer("ok", 1))).RequireAuthorization(Permissions.SearchJobs);
    app.MapGet("/api/v1/bench/pg-jobs", PgSearch.SearchAsync).RequireAuthorization(Permissions.SearchJobs);
    app.MapGet("/bench/pg-jobs", PgSearch.SearchAsync).AllowAnonymous();
    app.MapGet("/bench/jobs", (string? q, string? district, string? occupation, bool? key_enterprise, string? pay, string? education, int? posted_within, int? page, JobIndex index) =>
        JobEndpoints.Search(q, district, occupation, key_enterprise, pay, education, posted_within, page, index)).AllowAnonymous();
    return app;
}

// A job seeker (the search's everyday caller) with a personal access token, made afresh for each run.
static async Task<string> TokenAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
    if (!await roles.RoleExistsAsync(Roles.JobSeeker))
    {
        await roles.CreateAsync(new IdentityRole(Roles.JobSeeker));
    }

    var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
    var user = await users.FindByNameAsync("bench-seeker");
    if (user is null)
    {
        user = new WenjiuUser { UserName = "bench-seeker", DisplayName = "Bench seeker" };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.JobSeeker);
    }

    // Recommendations for any seeker are a specialist's view (a seeker sees only their own): the bench's caller holds both.
    if (!await roles.RoleExistsAsync(Roles.ServiceSpecialist))
    {
        await roles.CreateAsync(new IdentityRole(Roles.ServiceSpecialist));
    }

    if (!await users.IsInRoleAsync(user, Roles.ServiceSpecialist))
    {
        await users.AddToRoleAsync(user, Roles.ServiceSpecialist);
    }

    var made = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
        .CreateAsync(user, $"bench-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..40], TimeSpan.FromDays(1), ApiTokenService.Operator);
    return made.Secret ?? throw new InvalidOperationException($"No token: {made.Outcome}");
}

// ---- the query mix --------------------------------------------------------------------------------------------------
static List<string> QueryMix(int count, int seed)
{
    var random = new Random(seed);
    var occupations = OccupationTaxonomy.Occupations;
    var mix = new List<string>(count);
    var stop = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "and", "of", "the", "a" };
    while (mix.Count < count)
    {
        var o = occupations[random.Next(occupations.Count)];
        var kind = random.NextDouble();
        string? q;
        if (kind < 0.25)
        {
            q = o.NameZh; // a Chinese title
        }
        else if (kind < 0.37)
        {
            // A Chinese substring of the title (2 or 3 characters), or a Chinese synonym.
            q = o.NameZh.Length >= 3 && random.NextDouble() < 0.5 ? o.NameZh.Substring(random.Next(o.NameZh.Length - 1), 2)
                : o.SynonymsZh.Count > 0 ? o.SynonymsZh[random.Next(o.SynonymsZh.Count)] : o.NameZh;
        }
        else if (kind < 0.45)
        {
            q = "急招" + o.NameZh; // the urgent titles of the market
        }
        else if (kind < 0.65)
        {
            var words = o.NameEn.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !stop.Contains(w)).ToArray();
            q = words[random.Next(words.Length)].ToLowerInvariant(); // one English word
        }
        else if (kind < 0.77)
        {
            q = o.NameEn.ToLowerInvariant(); // English words
        }
        else if (kind < 0.87)
        {
            q = $"\"{o.NameEn.ToLowerInvariant()}\""; // an English phrase
        }
        else if (kind < 0.93)
        {
            q = o.SynonymsEn.Count > 0 ? o.SynonymsEn[random.Next(o.SynonymsEn.Count)] : o.NameEn;
        }
        else
        {
            q = null; // browsing by the filters alone
        }

        var parts = new List<string>();
        if (q is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(q));
        }

        if (random.NextDouble() < (q is null ? 0.8 : 0.4))
        {
            parts.Add("district=" + Districts.All[random.Next(Districts.All.Count)].Code);
        }

        if (random.NextDouble() < (q is null ? 0.5 : 0.1))
        {
            parts.Add("occupation=" + o.Code);
        }

        if (random.NextDouble() < 0.1)
        {
            parts.Add("key_enterprise=true");
        }

        var page = random.NextDouble() switch { < 0.65 => 1, < 0.85 => 2, < 0.95 => 3, _ => 5 };
        if (page > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        }

        if (parts.Count > 0)
        {
            mix.Add(string.Join('&', parts));
        }
    }

    return mix;
}

// ---- wrk --------------------------------------------------------------------------------------------------------------
async Task<WrkResult> WrkAsync(Variant v, int duration)
{
    // Each wrk thread walks the list from its own offset; the done hook prints the figures in microseconds.
    var lua = new StringBuilder();
    lua.AppendLine("local paths = {");
    foreach (var q in v.Queries)
    {
        var path = v.PathStyle ? v.Path + q : q.Length == 0 ? v.Path : v.Path + "?" + q;
        lua.Append("  \"").Append(path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).AppendLine("\",");
    }

    lua.AppendLine("}");
    lua.AppendLine(
        """
        local n = #paths
        local counter = 1
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("start", threads * 97)
        end
        function init(args)
          counter = (start or 0) % n
        end
        function request()
          counter = counter % n + 1
          return wrk.format("GET", paths[counter])
        end
        function done(summary, latency, requests)
          io.write(string.format("BENCH requests=%d duration_us=%d p50=%d p95=%d p99=%d errors=%d\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
            summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
        end
        """);
    var script = Path.Combine(output, $"{v.Name}.lua");
    await File.WriteAllTextAsync(script, lua.ToString());
    var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in (string[])["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                 "-d", $"{duration}s", "--timeout", "10s", "-s", script])
    {
        start.ArgumentList.Add(a);
    }

    if (v.Token)
    {
        start.ArgumentList.Add("-H");
        start.ArgumentList.Add($"Authorization: Bearer {token}");
    }

    start.ArgumentList.Add(baseUrl);
    using var process = Process.Start(start)!;
    var text = await process.StandardOutput.ReadToEndAsync();
    var errors = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var match = Regex.Match(text, @"BENCH requests=(\d+) duration_us=(\d+) p50=(\d+) p95=(\d+) p99=(\d+) errors=(\d+)");
    if (!match.Success)
    {
        throw new InvalidOperationException($"wrk said: {text}{errors}");
    }

    long L(int group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
    return new WrkResult(L(1), L(1) / (L(2) / 1e6), L(3) / 1000.0, L(4) / 1000.0, L(5) / 1000.0, L(6), text);
}

// ---- helpers ----------------------------------------------------------------------------------------------------------
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

// A run stopped after the load and before the indexes: the postings are there, only the rest is done again.
async Task<bool> PostingsLoadedAsync()
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
    await using var count = new NpgsqlCommand("SELECT to_regclass('recruitment.postings') IS NOT NULL AND (SELECT count(*) FROM recruitment.postings) >= 1000000", city);
    return (bool)(await count.ExecuteScalarAsync())!;
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

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static double DirectoryMb(string path) =>
    Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1048576.0 : 0;

static string Memory()
{
    using var process = Process.GetCurrentProcess();
    var gc = GC.GetGCMemoryInfo();
    return string.Create(CultureInfo.InvariantCulture,
        $"working set {process.WorkingSet64 / 1048576.0:F0} MB, GC heap {gc.HeapSizeBytes / 1048576.0:F0} MB ({GC.GetTotalMemory(false) / 1048576.0:F0} MB live or not yet collected)");
}

int Argument(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string? StringArgument(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal sealed record Variant(string Name, string Path, IReadOnlyList<string> Queries, bool Token, bool PathStyle = false);

internal sealed record WrkResult(long Requests, double RequestsPerSecond, double P50, double P95, double P99, long Errors, string Raw);

internal sealed record BareAnswer(string Status, int Version);

internal sealed record Totals(int Total);

/// <summary>The process's peak working set and GC heap while a run lasts, sampled every 250 ms.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<(long WorkingSet, long Heap)> sampling;

    public MemorySampler() => sampling = Task.Run(async () =>
    {
        long workingSet = 0, heap = 0;
        using var process = Process.GetCurrentProcess();
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            workingSet = Math.Max(workingSet, process.WorkingSet64);
            heap = Math.Max(heap, GC.GetTotalMemory(false));
            try
            {
                await Task.Delay(250, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (workingSet, heap);
    });

    public async Task<string> StopAsync()
    {
        await stop.CancelAsync();
        var (workingSet, heap) = await sampling;
        return string.Create(CultureInfo.InvariantCulture, $"peak working set {workingSet / 1048576.0:F0} MB, GC heap {heap / 1048576.0:F0} MB");
    }

    public void Dispose() => stop.Dispose();
}

/// <summary>
/// PostgreSQL's own search over the same postings, as the bench's endpoint: a query with a Chinese character is a
/// substring of title_zh (ILIKE '%…%', the pg_trgm GIN index) ranked by trigram similarity; any other is English text
/// search on title_en (plainto_tsquery, phraseto_tsquery for a phrase in double quotes, the tsvector GIN index) ranked by
/// ts_rank; no text: newest first. The same filters (district, occupation, key enterprise), 20 a page, and the count.
/// </summary>
internal static class PgSearch
{
    private const int PageSize = 20;

    public static async Task<IResult> SearchAsync(string? q, string? district, string? occupation, bool? key_enterprise, int? page, NpgsqlDataSource pg, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("status = 'Open'");
        var order = "posted_on DESC, id DESC";
        var parameters = new List<NpgsqlParameter>();
        var text = q?.Trim() ?? "";
        if (text.Length > 0)
        {
            var phrase = text.Length > 2 && text[0] == '"' && text[^1] == '"';
            text = text.Trim('"').Trim();
            parameters.Add(new NpgsqlParameter("q", text));
            if (text.Any(c => c >= '\u4e00' && c <= '\u9fff'))
            {
                where.Append(" AND title_zh ILIKE @like");
                parameters.Add(new NpgsqlParameter("like", "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));
                order = "similarity(title_zh, @q) DESC, posted_on DESC, id DESC";
            }
            else
            {
                var query = phrase ? "phraseto_tsquery('english', @q)" : "plainto_tsquery('english', @q)";
                where.Append(CultureInfo.InvariantCulture, $" AND to_tsvector('english', title_en) @@ {query}");
                order = $"ts_rank(to_tsvector('english', title_en), {query}) DESC, posted_on DESC, id DESC";
            }
        }

        if (!string.IsNullOrEmpty(district))
        {
            where.Append(" AND district = @district");
            parameters.Add(new NpgsqlParameter("district", district));
        }

        if (!string.IsNullOrEmpty(occupation))
        {
            where.Append(" AND occupation = @occupation");
            parameters.Add(new NpgsqlParameter("occupation", occupation));
        }

        if (key_enterprise is { } key)
        {
            where.Append(" AND key_enterprise = @key");
            parameters.Add(new NpgsqlParameter("key", key));
        }

        var offset = (Math.Clamp(page ?? 1, 1, 500) - 1) * PageSize;
        await using var connection = await pg.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT id, title_zh, title_en, employer_name, district, pay_min, pay_max FROM recruitment.postings WHERE {where} ORDER BY {order} LIMIT {PageSize} OFFSET {offset}"),
                new NpgsqlBatchCommand($"SELECT count(*) FROM recruitment.postings WHERE {where}"),
            },
        };
        foreach (var command in batch.BatchCommands)
        {
            foreach (var p in parameters)
            {
                command.Parameters.Add(p.Clone());
            }
        }

        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        var items = new List<PgItem>(PageSize);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var titleEn = reader.GetString(2);
            items.Add(new PgItem(reader.GetInt64(0), zh || titleEn.Length == 0 ? reader.GetString(1) : titleEn, reader.GetString(3), reader.GetString(4), new PgPay(reader.GetDecimal(5), reader.GetDecimal(6))));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        return TypedResults.Ok(new PgAnswer(total, items));
    }
}

internal sealed record PgPay(decimal Min, decimal Max);

internal sealed record PgItem(long Id, string Title, string Employer, string District, PgPay Pay);

internal sealed record PgAnswer(long Total, IReadOnlyList<PgItem> Items);
