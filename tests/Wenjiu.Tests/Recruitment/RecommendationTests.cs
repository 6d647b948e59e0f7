using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Postings;
using Wenjiu.Recruitment.Features.Recommendations;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Ledger;
using Wenjiu.Tests.Registry;
using static Wenjiu.Tests.Recruitment.RecruitmentData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>
/// Recommendations both ways (issue 10 §3): postings for a seeker and candidates for a demand line, each explained
/// (occupation, must-haves met or missing, distance, pay fit), with the per-employer cap and the capped key-enterprise boost.
/// </summary>
public sealed class RecommendationTests
{
    private const string Yanqing = "110119";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_seeker_gets_the_wanted_occupation_nearby_at_the_asked_pay_first_and_every_item_explains_its_score(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var near = await PostAsync(factory, "病房护士", "Ward nurse", "nurse", Chaoyang, 7000m, 9000m, "91110105MA00000011", ["nurse_licence", "first_aid"]);
        var far = await PostAsync(factory, "社区护士", "Community nurse", "nurse", Yanqing, 7000m, 9000m, "91110105MA00000012", ["nurse_licence", "first_aid"]);
        var lowPay = await PostAsync(factory, "护理员", "Nursing aide", "nurse", Chaoyang, 4000m, 5000m, "91110105MA00000013", ["nurse_licence"]);
        var guard = await PostAsync(factory, "保安员", "Security guard", "security_guard", Chaoyang, 6000m, 8000m, "91110105MA00000014", []);
        var doctor = await PostAsync(factory, "住院医师", "Resident physician", "physician", Chaoyang, 12000m, 20000m, "91110105MA00000015", ["physician_licence"], Education.Master);
        var seekerId = await SeekerAsync(factory, "李娜", Chaoyang, "nurse physician", "nurse_licence first_aid", 6000m, Education.Bachelor);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        await SearchUntilAsync(specialist, "", r => r.GetProperty("total").GetInt32() == 5);

        var items = await ItemsAsync(specialist, $"/api/v1/seekers/{seekerId}/recommendations");

        var ids = items.Select(i => i.GetProperty("posting_id").GetInt64()).ToList();
        Assert.Equal(near, ids[0]);
        Assert.DoesNotContain(guard, ids);
        Assert.Equal(new[] { near, far, lowPay, doctor }.Order(), ids.Order());
        var first = Why(items, near);
        Assert.Equal("main", first.GetProperty("occupation_match").GetString());
        Assert.Equal(0m, first.GetProperty("distance_km").GetDecimal());
        Assert.Equal(["first_aid", "nurse_licence"], Strings(first, "nice_to_have_met").Order());
        Assert.True(first.GetProperty("pay").GetProperty("met").GetBoolean());
        Assert.True(Why(items, far).GetProperty("distance_km").GetDecimal() > 50m);
        Assert.False(Why(items, lowPay).GetProperty("pay").GetProperty("met").GetBoolean());
        Assert.Equal(5000m, Why(items, lowPay).GetProperty("pay").GetProperty("offered_max").GetDecimal());
        Assert.Equal("wanted", Why(items, doctor).GetProperty("occupation_match").GetString());
        Assert.False(Why(items, doctor).GetProperty("education_met").GetBoolean());
        Assert.Equal(0.3m, Why(items, doctor).GetProperty("factor").GetDecimal());
        foreach (var item in items)
        {
            var why = item.GetProperty("why");
            var sum = why.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("value").GetDecimal() * p.GetProperty("weight").GetDecimal());
            var expected = Math.Round((why.GetProperty("factor").GetDecimal() * sum) + why.GetProperty("key_boost").GetDecimal(), 4, MidpointRounding.AwayFromZero);
            Assert.Equal(expected, item.GetProperty("score").GetDecimal());
        }

        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.GetProperty("score").GetDecimal() >= p.Second.GetProperty("score").GetDecimal()));
    }

    [Fact]
    public async Task No_employer_takes_more_than_two_places_in_a_seekers_list_and_the_key_enterprise_boost_is_capped()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        var big = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            big.Add(await PostAsync(factory, $"护士{i}", $"Nurse {i}", "nurse", Chaoyang, 8000m, 9000m, "91110105MA00000021", ["nurse_licence"]));
        }

        var other = await PostAsync(factory, "门诊护士", "Clinic nurse", "nurse", Haidian, 6000m, 7000m, "91110105MA00000022", ["nurse_licence"]);
        var key = await PostAsync(factory, "发热门诊护士", "Fever clinic nurse", "nurse", Yanqing, 6000m, 7000m, "91110105MA00000023", ["nurse_licence"], keyEnterprise: true);
        var seekerId = await SeekerAsync(factory, "王芳", Chaoyang, "nurse", "nurse_licence", 6000m, Education.College);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        await SearchUntilAsync(specialist, "", r => r.GetProperty("total").GetInt32() == 7);

        var items = await ItemsAsync(specialist, $"/api/v1/seekers/{seekerId}/recommendations");

        var ids = items.Select(i => i.GetProperty("posting_id").GetInt64()).ToList();
        Assert.Equal(2, ids.Count(big.Contains));
        Assert.Contains(other, ids);
        Assert.Contains(key, ids);
        var boost = Why(items, key).GetProperty("key_boost").GetDecimal();
        Assert.True(boost is > 0m and <= 0.10m, $"key boost {boost}");
        Assert.Equal(0m, Why(items, other).GetProperty("key_boost").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_demand_line_gets_seekers_with_its_must_haves_nearby_first_names_masked_and_the_list_audited(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var uscc = await LedgerData.KeyEnterpriseAsync(factory);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var line = await LedgerData.OpenLineAsync(specialist, LedgerData.LineJson(district: Chaoyang, uscc: uscc));
        var lineId = line.GetProperty("id").GetInt64();
        var best = await SeekerAsync(factory, "张伟", Chaoyang, "nurse", "nurse_licence first_aid", 5000m, Education.College);
        var noLicence = await SeekerAsync(factory, "赵磊", Chaoyang, "nurse", "first_aid", 5000m, Education.College);
        var faraway = await SeekerAsync(factory, "孙丽", Yanqing, "elderly_caregiver nurse", "nurse_licence", 5000m, Education.College);
        var guard = await SeekerAsync(factory, "周强", Chaoyang, "security_guard", "", 4000m, Education.SeniorMiddle);
        var closed = await SeekerAsync(factory, "吴敏", Chaoyang, "nurse", "nurse_licence first_aid", 5000m, Education.College, open: false);

        var items = await ItemsAsync(specialist, $"/api/v1/demand-lines/{lineId}/candidates");

        var ids = items.Select(i => i.GetProperty("seeker_id").GetInt64()).ToList();
        Assert.Equal([best, faraway, noLicence], ids);
        Assert.DoesNotContain(guard, ids);
        Assert.DoesNotContain(closed, ids);
        Assert.Equal("张*", items[0].GetProperty("name").GetString());
        Assert.Equal(["nurse_licence"], Strings(items[2].GetProperty("why"), "must_have_missing"));
        Assert.Equal(["nurse_licence"], Strings(items[0].GetProperty("why"), "must_have_met"));
        Assert.Equal("wanted", items[1].GetProperty("why").GetProperty("occupation_match").GetString());
        var audit = Assert.Single(await AuditTrail.EntriesAsync(factory, "recruitment.candidates"));
        Assert.Equal($"demand_line:{lineId}", audit.Record);
        Assert.Contains(best.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("张伟", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seeker_sees_their_own_recommendations_and_nobody_elses()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var own = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        using var otherSeeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, "91110105MA00000031");
        var seekerId = await SeekerAsync(factory, "陈静", Chaoyang, "nurse", "", 5000m, Education.College, userName: own.UserName);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(own, $"/api/v1/seekers/{seekerId}/recommendations"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(otherSeeker, $"/api/v1/seekers/{seekerId}/recommendations"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(enterprise, $"/api/v1/seekers/{seekerId}/recommendations"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(own, "/api/v1/demand-lines/1/candidates"));
    }

    [Fact]
    public async Task A_seeker_closed_to_recommendations_leaves_the_candidates_table_and_a_bulk_rebuild_gives_the_same_rows()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        var a = await SeekerAsync(factory, "郑洁", Chaoyang, "nurse physician", "", 5000m, Education.Bachelor);
        var b = await SeekerAsync(factory, "冯军", Haidian, "courier", "", 5000m, Education.SeniorMiddle);
        await RecruitmentAsync(factory, db => db.Seekers.Where(s => s.Id == b).ExecuteUpdateAsync(u => u.SetProperty(s => s.OpenToRecommendations, false)));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeekerMatchIndex>().SyncAsync([b]);
        }

        var synced = await RowsAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<SeekerMatchIndex>().RebuildAsync());
        }

        Assert.Equal([("nurse", a, 0), ("physician", a, 1)], synced);
        Assert.Equal(synced, await RowsAsync(factory));
    }

    private static Task<List<(string, long, int)>> RowsAsync(WenjiuFactory factory) => RecruitmentAsync(factory, async db =>
        (await db.SeekerOccupations.AsNoTracking().OrderBy(o => o.SeekerId).ThenBy(o => o.Rank).ToListAsync()).Select(o => (o.Occupation, o.SeekerId, o.Rank)).ToList());

    private static async Task<long> PostAsync(
        WenjiuFactory factory, string titleZh, string titleEn, string occupation, string district, decimal payMin, decimal payMax, string uscc, string[] skills,
        Education education = Education.SeniorMiddle, bool keyEnterprise = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var draft = new PostingDraft(titleZh, titleEn, occupation, district, payMin, payMax, education, skills);
        Assert.Empty(Postings.Validate(draft));
        return (await scope.ServiceProvider.GetRequiredService<Postings>().PublishAsync(uscc, "测试单位" + uscc[^2..], draft, "test", keyEnterprise, CancellationToken.None)).Id;
    }

    private static long nextPerson = 1000;

    /// <summary>A seeker written as a profile is stored, and its row in the candidates table.</summary>
    private static async Task<long> SeekerAsync(
        WenjiuFactory factory, string name, string district, string wanted, string skills, decimal payMin, Education education, bool open = true, string? userName = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecruitmentDbContext>();
        var seeker = new Seeker
        {
            PersonId = Interlocked.Increment(ref nextPerson), Name = name, District = district, WantedOccupations = wanted, Skills = skills, PayMin = payMin,
            Education = education, Kind = SeekerKind.Graduate, OpenToRecommendations = open, UserName = userName, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Seekers.Add(seeker);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<SeekerMatchIndex>().SyncAsync([seeker.Id]);
        return seeker.Id;
    }

    private static async Task<List<JsonElement>> ItemsAsync(SignedInClient client, string path)
    {
        var json = await LedgerData.GetJsonAsync(client, path);
        return [.. json.GetProperty("items").EnumerateArray()];
    }

    private static async Task<HttpStatusCode> StatusAsync(SignedInClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static JsonElement Why(List<JsonElement> items, long postingId) =>
        items.Single(i => i.GetProperty("posting_id").GetInt64() == postingId).GetProperty("why");

    private static string[] Strings(JsonElement why, string name) => [.. why.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
