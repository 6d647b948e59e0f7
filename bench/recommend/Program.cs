using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wenjiu.Ledger;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Recruitment;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Recommendations;
using Wenjiu.Recruitment.Features.Search;
using Wenjiu.Registry;
using Wenjiu.Registry.Contracts;

// bench/recommend: an offline evaluation of the recommender (issue 10, "Proof") on a held-out synthetic funnel.
// 1. A synthetic market: postings over employers of very unequal size, seekers, each from the taxonomy.
// 2. A synthetic funnel the recommender never sees: each seeker applies to a few postings drawn in proportion to a
//    utility model written below (occupation affinity, distance, pay, skills, an employer's pull, and noise).
// 3. Both methods rank postings for every seeker; the held-out applications are the relevant items:
//    (a) our Recommender (the module's code: Lucene pool from this node's index, then scoring, caps and boost);
//    (b) the content-overlap baseline (RecSys Challenge 2016's: overlap of the posting's title concepts and skills with
//        the seeker's wanted occupations and skills, Jaccard, best first).
//    Precision@10, recall@30, the districts the top-10 lists cover, and how concentrated the exposure is on employers.
// Usage: bench/recommend/run [--postings 30000] [--seekers 3000] [--employers 1500] [--seed 2020]
var postingCount = Argument("--postings", 30_000);
var seekerCount = Argument("--seekers", 3_000);
var employerCount = Argument("--employers", 1_500);
var seed = Argument("--seed", 2020);
const int Applications = 6;

var outDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "out"));
if (Directory.Exists(outDirectory))
{
    Directory.Delete(outDirectory, recursive: true);
}

Directory.CreateDirectory(outDirectory);
await using var app = Host(outDirectory);
await DatabaseMigrator.MigrateAsync(app.Services);

// 1. The market.
var random = new Random(seed);
var districts = Districts.All.Select(d => d.Code).ToArray();
double[] districtWeights = [4, 5, 12, 8, 3, 12, 1, 3, 6, 6, 7, 6, 1.5, 1, 1.5, 1];
var occupations = OccupationTaxonomy.Occupations;
var employers = Enumerable.Range(0, employerCount).Select(i => new
{
    Uscc = string.Create(CultureInfo.InvariantCulture, $"BENCH{i:D13}"),
    Name = string.Create(CultureInfo.InvariantCulture, $"单位{i}"),
    District = Pick(random, districts, districtWeights),
    Weight = 1.0 / Math.Pow(i + 1, 0.9), // a few employers post most jobs (Zipf-like)
    Key = random.NextDouble() < 0.08,
    Pull = Math.Exp(Gaussian(random) * 0.5), // how attractive the employer is to applicants, unseen by both methods
    Occupations = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => occupations[random.Next(occupations.Count)]).ToArray(),
}).ToArray();
var employerWeights = employers.Select(e => e.Weight).ToArray();
var postings = new List<Posting>(postingCount);
var now = DateTimeOffset.UtcNow;
for (var i = 0; i < postingCount; i++)
{
    var employer = Pick(random, employers, employerWeights);
    var occupation = employer.Occupations[random.Next(employer.Occupations.Length)];
    var pay = Hundreds(occupation.TypicalPayMin + ((occupation.TypicalPayMax - occupation.TypicalPayMin) * (decimal)random.NextDouble() * 0.6m));
    postings.Add(new Posting
    {
        Id = i + 1, Uscc = employer.Uscc, EmployerName = employer.Name, TitleZh = occupation.NameZh, TitleEn = occupation.NameEn, Occupation = occupation.Code,
        Skills = string.Join(' ', occupation.TypicalSkills.Where(_ => random.NextDouble() < 0.7)),
        District = random.NextDouble() < 0.8 ? employer.District : Pick(random, districts, districtWeights), PayMin = pay,
        PayMax = pay + Hundreds((occupation.TypicalPayMax - occupation.TypicalPayMin) * 0.4m), Education = EducationFor(random, occupation.MajorGroup),
        PostedOn = new DateOnly(2020, 5, 1).AddDays(random.Next(60)), RefreshedAt = now, Status = PostingStatus.Open, KeyEnterprise = employer.Key,
        ChangedAt = now, CreatedBy = "bench",
    });
}

var seekers = new List<Seeker>(seekerCount);
for (var i = 0; i < seekerCount; i++)
{
    var main = occupations[random.Next(occupations.Count)];
    var related = occupations.Where(o => o.MajorGroup == main.MajorGroup && o.Code != main.Code).ToList();
    var wanted = new List<Occupation> { main };
    if (related.Count > 0 && random.NextDouble() < 0.5)
    {
        wanted.Add(related[random.Next(related.Count)]);
    }

    seekers.Add(new Seeker
    {
        Id = i + 1, PersonId = i + 1, Name = "求职者", Kind = SeekerKind.Graduate, District = Pick(random, districts, districtWeights),
        WantedOccupations = string.Join(' ', wanted.Select(o => o.Code)),
        Skills = string.Join(' ', wanted.SelectMany(o => o.TypicalSkills).Distinct().Where(_ => random.NextDouble() < 0.6)),
        PayMin = Hundreds(main.TypicalPayMin * (decimal)(0.85 + (random.NextDouble() * 0.3))), Education = EducationFor(random, main.MajorGroup) + random.Next(2),
        OpenToRecommendations = true, CreatedAt = now, UpdatedAt = now,
    });
}

await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<RecruitmentDbContext>();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    foreach (var chunk in postings.Chunk(5_000))
    {
        db.Postings.AddRange(chunk);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    db.Seekers.AddRange(seekers);
    await db.SaveChangesAsync();
    await scope.ServiceProvider.GetRequiredService<SeekerMatchIndex>().RebuildAsync();
    var watch = Stopwatch.StartNew();
    var indexed = await scope.ServiceProvider.GetRequiredService<IndexTail>().RebuildAsync(null, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Market: {postings.Count:N0} postings of {employers.Length:N0} employers ({indexed:N0} indexed in {watch.Elapsed.TotalSeconds:F1} s), {seekers.Count:N0} seekers; seed {seed}"));
}

// 2. The held-out funnel: each seeker applies to `Applications` postings drawn in proportion to the utility below.
var byOccupation = postings.GroupBy(p => p.Occupation).ToDictionary(g => g.Key, g => g.ToArray());
var employerPull = employers.ToDictionary(e => e.Uscc, e => e.Pull);
var funnel = new Dictionary<long, HashSet<long>>();
foreach (var seeker in seekers)
{
    var wanted = seeker.WantedOccupations.Split(' ');
    var group = OccupationTaxonomy.FindOccupation(wanted[0])!.MajorGroup;
    var skills = seeker.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    var candidates = occupations.Where(o => o.MajorGroup == group).SelectMany(o => byOccupation.GetValueOrDefault(o.Code) ?? []).ToArray();
    var utility = candidates.Select(p =>
    {
        var affinity = p.Occupation == wanted[0] ? 1.0 : wanted.Contains(p.Occupation) ? 0.6 : 0.1;
        var km = (double)(DistrictDistanceKm(seeker.District, p.District));
        var distance = Math.Exp(-km / 12.0);
        var pay = 1.0 / (1.0 + Math.Exp(-(double)(p.PayMax - seeker.PayMin) / 1000.0));
        var asked = p.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fit = asked.Length == 0 ? 0.75 : 0.5 + (0.5 * asked.Count(skills.Contains) / asked.Length);
        var schooling = seeker.Education >= p.Education ? 1.0 : 0.2;
        return affinity * distance * pay * fit * schooling * employerPull[p.Uscc] * Math.Exp(Gaussian(random) * 0.5);
    }).ToArray();
    var applied = new HashSet<long>();
    var total = utility.Sum();
    while (applied.Count < Math.Min(Applications, candidates.Length) && total > 0)
    {
        var draw = random.NextDouble() * total;
        for (var k = 0; k < candidates.Length; k++)
        {
            draw -= utility[k];
            if (draw <= 0 || k == candidates.Length - 1)
            {
                applied.Add(candidates[k].Id);
                break;
            }
        }
    }

    funnel[seeker.Id] = applied;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Held-out funnel: {funnel.Values.Sum(a => a.Count):N0} applications ({Applications} a seeker), never shown to either method."));

// 3. Both methods, every seeker.
var postingById = postings.ToDictionary(p => p.Id);
var ours = new Dictionary<long, List<long>>();
var latencies = new List<double>();
var recommendWatch = Stopwatch.StartNew();
foreach (var seeker in seekers)
{
    await using var scope = app.Services.CreateAsyncScope();
    var recommender = scope.ServiceProvider.GetRequiredService<Recommender>();
    var one = Stopwatch.StartNew();
    var list = await recommender.ForSeekerAsync(seeker.Id, 30);
    latencies.Add(one.Elapsed.TotalMilliseconds);
    ours[seeker.Id] = [.. list!.Select(r => r.PostingId)];
}

recommendWatch.Stop();
var baseline = new Dictionary<long, List<long>>();
var postingTokens = postings.Select(p => (p.Id, Tokens: p.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("occ:" + p.Occupation).ToHashSet())).ToArray();
foreach (var seeker in seekers)
{
    var tokens = seeker.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(seeker.WantedOccupations.Split(' ').Select(o => "occ:" + o)).ToHashSet();
    baseline[seeker.Id] = [.. postingTokens
        .Select(p => (p.Id, Score: Jaccard(tokens, p.Tokens)))
        .Where(p => p.Score > 0)
        .OrderByDescending(p => p.Score).ThenBy(p => p.Id)
        .Take(30).Select(p => p.Id)];
}

Console.WriteLine();
Console.WriteLine("| method | precision@10 | recall@30 | districts covered by the top 10s | postings shown (top 10s) | employers shown | exposure to the top 1% of employers |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
Report("(a) our recommender", ours);
Report("(b) content overlap (baseline)", baseline);
latencies.Sort();
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Our recommender in process, SQLite, {postings.Count:N0} postings: top-30 p50 {Percentile(latencies, 0.50):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms, {seekers.Count / recommendWatch.Elapsed.TotalSeconds:F0} lists/s on one thread."));
return 0;

void Report(string name, Dictionary<long, List<long>> lists)
{
    double precision = 0, recall = 0;
    var shownDistricts = new HashSet<string>();
    var shownPostings = new HashSet<long>();
    var exposure = new Dictionary<string, int>();
    foreach (var (seekerId, list) in lists)
    {
        var relevant = funnel[seekerId];
        precision += list.Take(10).Count(relevant.Contains) / 10.0;
        recall += relevant.Count == 0 ? 0 : list.Take(30).Count(relevant.Contains) / (double)relevant.Count;
        foreach (var id in list.Take(10))
        {
            var p = postingById[id];
            shownDistricts.Add(p.District);
            shownPostings.Add(id);
            exposure[p.Uscc] = exposure.GetValueOrDefault(p.Uscc) + 1;
        }
    }

    var top1 = exposure.Values.OrderDescending().Take(Math.Max(1, employers.Length / 100)).Sum();
    var all = Math.Max(1, exposure.Values.Sum());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {precision / lists.Count:F3} | {recall / lists.Count:F3} | {shownDistricts.Count} of 16 | {shownPostings.Count:N0} | {exposure.Count:N0} | {100.0 * top1 / all:F1}% |"));
}

static decimal Hundreds(decimal yuan) => Math.Round(yuan / 100m, MidpointRounding.AwayFromZero) * 100m;

static double Jaccard(HashSet<string> a, HashSet<string> b)
{
    var common = a.Count(b.Contains);
    return common == 0 ? 0 : common / (double)(a.Count + b.Count - common);
}

static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

static double Gaussian(Random random) => Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Sin(2.0 * Math.PI * random.NextDouble());

static T Pick<T>(Random random, T[] items, double[] weights)
{
    var draw = random.NextDouble() * weights.Sum();
    for (var i = 0; i < items.Length; i++)
    {
        draw -= weights[i];
        if (draw <= 0)
        {
            return items[i];
        }
    }

    return items[^1];
}

static Education EducationFor(Random random, int majorGroup) => majorGroup switch
{
    1 or 2 => (Education)(4 + random.Next(2)),
    3 => (Education)(2 + random.Next(3)),
    _ => (Education)(1 + random.Next(2)),
};

static decimal DistrictDistanceKm(string a, string b) => DistrictDistance.Km(a, b) ?? 30m;

static WebApplication Host(string directory)
{
    var builder = WebApplication.CreateBuilder();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "bench.db")}",
        ["Wenjiu:DataDirectory"] = directory,
        ["PersonalData:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["PersonalData:LookupKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        ["Logging:LogLevel:Default"] = "Warning",
    });
    builder.AddPlatform();
    builder.AddRegistry();
    builder.AddLedger();
    builder.AddRecruitment();
    return builder.Build();
}

int Argument(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
