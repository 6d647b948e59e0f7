using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Postings;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Recruitment.RecruitmentData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>Job search (issue 10 §3): relevance in Chinese and English, facets, freshness from the change sequence, the changes feed.</summary>
public sealed class JobSearchTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_posting_is_found_by_its_own_title_by_a_synonym_of_its_occupation_and_by_a_phrase_in_Chinese_and_English(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var mask = await PostAsync(factory, "急招口罩机操作工", "Mask machine operator wanted", "mask_machine_operator");
        var courier = await PostAsync(factory, "同城配送", "City parcel runs", "courier");
        var software = await PostAsync(factory, "高级软件工程师", "Senior software engineer", "software_engineer", payMin: 15000m, payMax: 25000m);
        var quality = await PostAsync(factory, "测试工程师（软件质量）", "Engineer for software quality", "data_analyst");
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        await SearchUntilAsync(seeker, "", r => r.GetProperty("total").GetInt32() == 4);

        Assert.Contains(mask, Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("口罩机操作工"))));
        Assert.Contains(mask, Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("mask operator"))));
        Assert.Equal([courier], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("快递小哥"))));
        Assert.Equal([courier], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("delivery driver"))));
        Assert.Equal([software, quality], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("software engineer"))).Order());
        Assert.Equal([software], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("\"software engineer\""))));
        Assert.Equal([software], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("\"软件工程师\""))));
        Assert.Contains(software, Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("程序员"))));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Facets_count_what_the_query_and_the_filters_select(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await PostAsync(factory, "护士", "Nurse", "nurse", Chaoyang, 7000m, 9000m, keyEnterprise: true);
        await PostAsync(factory, "病房护士", "Ward nurse", "nurse", Haidian, 4500m, 6000m);
        await PostAsync(factory, "夜班护士", "Night nurse", "nurse", Haidian, 8000m, 12000m, keyEnterprise: true);
        await PostAsync(factory, "保安员", "Security guard", "security_guard", Haidian, 4000m, 5000m);
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        await SearchUntilAsync(seeker, "", r => r.GetProperty("total").GetInt32() == 4);

        var nurses = await SearchAsync(seeker, "q=" + Uri.EscapeDataString("护士"));
        var haidianNurses = await SearchAsync(seeker, "q=" + Uri.EscapeDataString("护士") + "&district=" + Haidian);
        var keyInHaidian = await SearchAsync(seeker, "district=" + Haidian + "&key_enterprise=true");

        Assert.Equal(3, nurses.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [Chaoyang] = 1, [Haidian] = 2 }, Facet(nurses, "district"));
        Assert.Equal(new Dictionary<string, int> { ["nurse"] = 3 }, Facet(nurses, "occupation"));
        Assert.Equal(2, haidianNurses.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [Haidian] = 2 }, Facet(haidianNurses, "district"));
        Assert.Equal(new Dictionary<string, int> { ["0-5000"] = 1, ["8000-12000"] = 1 }, Facet(haidianNurses, "pay"));
        Assert.Equal(new Dictionary<string, int> { ["true"] = 1, ["false"] = 1 }, Facet(haidianNurses, "key_enterprise"));
        Assert.Equal(1, keyInHaidian.GetProperty("total").GetInt32());
        var item = Assert.Single(keyInHaidian.GetProperty("items").EnumerateArray());
        Assert.Equal(["id", "title", "employer", "district", "pay"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("夜班护士", item.GetProperty("title").GetString());
        Assert.Equal(8000m, item.GetProperty("pay").GetProperty("min").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_closed_posting_disappears_from_search_within_seconds_and_the_changes_feed_says_so(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var id = await PostAsync(factory, "仓库管理员", "Warehouse keeper", "warehouse_keeper");
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        Assert.Equal([id], Ids(await SearchUntilAsync(seeker, "q=" + Uri.EscapeDataString("仓管"), r => Ids(r).Length == 1)));
        var before = (await FeedAsync(seeker, 0)).Last().GetProperty("sequence").GetInt64();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Postings>().SwitchAsync(id, open: false, CancellationToken.None);
        }

        var started = DateTime.UtcNow;
        var after = await SearchUntilAsync(seeker, "q=" + Uri.EscapeDataString("仓管"), r => Ids(r).Length == 0);
        Assert.Empty(Ids(after));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "gone within seconds");
        var change = Assert.Single(await FeedAsync(seeker, before));
        Assert.Equal((id, "closed"), (change.GetProperty("id").GetInt64(), change.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rebuild_from_the_database_holds_every_open_posting_once_found_by_title_synonym_and_phrase_and_no_closed_one(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var software = await PostAsync(factory, "高级软件工程师", "Senior software engineer", "software_engineer", Haidian);
        var nurse = await PostAsync(factory, "夜班护士", "Night nurse", "nurse", Haidian);
        var closed = await PostAsync(factory, "仓库管理员", "Warehouse keeper", "warehouse_keeper");
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        await SearchUntilAsync(seeker, "", r => r.GetProperty("total").GetInt32() == 3);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Postings>().SwitchAsync(closed, open: false, CancellationToken.None);
        }

        await SearchUntilAsync(seeker, "", r => r.GetProperty("total").GetInt32() == 2);

        int rebuilt;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            rebuilt = await scope.ServiceProvider.GetRequiredService<Wenjiu.Recruitment.Features.Search.IndexTail>().RebuildAsync(null, CancellationToken.None);
        }

        Assert.Equal(2, rebuilt);
        var all = await SearchAsync(seeker, "");
        Assert.Equal([software, nurse], Ids(all).Order());
        Assert.Equal(new Dictionary<string, int> { [Haidian] = 2 }, Facet(all, "district"));
        Assert.Equal([software], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("\"软件工程师\""))));
        Assert.Equal([software], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("\"software engineer\""))));
        Assert.Equal([software], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("程序员"))));
        Assert.Equal([nurse], Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("护士"))));
        Assert.Empty(Ids(await SearchAsync(seeker, "q=" + Uri.EscapeDataString("仓库管理员"))));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_posting_not_refreshed_within_the_stale_period_is_unpublished(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var stale = await PostAsync(factory, "厨师", "Cook", "cook");
        var fresh = await PostAsync(factory, "帮厨", "Kitchen hand", "cook");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Wenjiu.Recruitment.Data.RecruitmentDbContext>();
            var posting = await db.Postings.SingleAsync(p => p.Id == stale);
            posting.RefreshedAt = DateTimeOffset.UtcNow.AddDays(-31);
            await db.SaveChangesAsync();
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Postings>().UnpublishStaleAsync(CancellationToken.None));
        }

        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        Assert.Equal([fresh], Ids(await SearchUntilAsync(seeker, "occupation=cook", r => Ids(r).Length == 1)));
        var closed = await RecruitmentAsync(factory, db => db.Postings.SingleAsync(p => p.Id == stale));
        Assert.Equal((PostingStatus.Closed, ClosedReason.Stale), (closed.Status, closed.ClosedReason));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_open_ledger_line_is_published_once_as_a_key_enterprise_posting_and_closed_when_the_line_is_frozen(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, NoDispatch);
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);

        await PublishLineAsync(factory, Line(77, DemandLineStatus.Open));
        await PublishLineAsync(factory, Line(77, DemandLineStatus.Open));

        var posting = await RecruitmentAsync(factory, db => db.Postings.SingleAsync());
        Assert.Equal((77L, true, PostingStatus.Open), (posting.DemandLineId!.Value, posting.KeyEnterprise, posting.Status));
        Assert.Equal([posting.Id], Ids(await SearchUntilAsync(seeker, "key_enterprise=true&district=" + Haidian, r => Ids(r).Length == 1)));

        await PublishLineAsync(factory, Line(77, DemandLineStatus.Frozen));

        Assert.Empty(Ids(await SearchUntilAsync(seeker, "key_enterprise=true", r => Ids(r).Length == 0)));
        var closed = await RecruitmentAsync(factory, db => db.Postings.SingleAsync());
        Assert.Equal((PostingStatus.Closed, ClosedReason.LineClosed), (closed.Status, closed.ClosedReason));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_search_page_filters_without_javascript_and_shows_facet_counts(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await PostAsync(factory, "保洁员", "Cleaner", "cleaner", Chaoyang);
        await PostAsync(factory, "环卫工", "Street cleaner", "cleaner", Haidian);
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        await SearchUntilAsync(seeker, "", r => r.GetProperty("total").GetInt32() == 2);

        var page = await seeker.GetPageAsync("/Recruitment/Jobs?q=" + Uri.EscapeDataString("保洁") + "&district=" + Haidian);

        Assert.Contains("环卫工", page, StringComparison.Ordinal);
        Assert.DoesNotContain("保洁员</strong>", page, StringComparison.Ordinal);
        Assert.Contains("共 1 个岗位", page, StringComparison.Ordinal);
        Assert.Contains("(1)", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_visitor_who_is_not_signed_in_is_asked_to_sign_in(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var visitor = SignedInClient.Anonymous(factory);

        using var response = await visitor.GetAsync("/api/v1/jobs?q=x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Dictionary<string, int> Facet(JsonElement results, string facet) =>
        results.GetProperty("facets").GetProperty(facet).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());

    private static async Task<List<JsonElement>> FeedAsync(SignedInClient client, long since)
    {
        using var response = await client.GetAsync($"/api/v1/jobs/changes?since={since}");
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }
}
