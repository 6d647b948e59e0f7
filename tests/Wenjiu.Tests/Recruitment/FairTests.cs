using System.Net;
using System.Text.Json;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Ledger;
using static Wenjiu.Tests.Recruitment.RecruitmentData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>
/// Campaigns and online fairs (issue 10 §5): booths with the employer's own open postings, the urgent-hiring column, a
/// booth's live queue (one ticket per seeker, first come first called) and live statistics from the applications.
/// </summary>
public sealed class FairTests
{
    private static readonly string Factory = CityGenerator.MakeUscc("91", "110105", 41);
    private static readonly string Shop = CityGenerator.MakeUscc("91", "110105", 42);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_employer_shows_its_own_open_postings_at_a_booth_once_and_key_enterprises_stand_in_the_urgent_column(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var fairId = await FairAsync(specialist, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(2));
        var own = await PostAsync(factory, "普工", "General worker", "general_worker", uscc: Factory, keyEnterprise: true);
        var other = await PostAsync(factory, "收银员", "Cashier", "cashier", uscc: Shop);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Factory);
        using var shop = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Shop);

        using var foreign = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/{fairId}/booths", $$"""{ "posting_ids": [{{own}}, {{other}}] }""");
        using var first = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/{fairId}/booths", $$"""{ "posting_ids": [{{own}}] }""");
        using var again = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/{fairId}/booths", $$"""{ "posting_ids": [{{own}}] }""");
        using var shopBooth = await LedgerData.PostJsonAsync(shop, $"/api/v1/fairs/{fairId}/booths", $$"""{ "posting_ids": [{{other}}] }""");

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("posting_ids", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, shopBooth.StatusCode);
        var fair = await LedgerData.GetJsonAsync(specialist, $"/api/v1/fairs/{fairId}");
        var urgent = Assert.Single(fair.GetProperty("urgent_hiring").EnumerateArray());
        Assert.Equal(Factory, urgent.GetProperty("uscc").GetString());
        Assert.Equal(own, Assert.Single(urgent.GetProperty("postings").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(Shop, Assert.Single(fair.GetProperty("booths").EnumerateArray()).GetProperty("uscc").GetString());
        Assert.Equal(2, fair.GetProperty("stats").GetProperty("booths").GetInt32());
        Assert.Equal(2, fair.GetProperty("stats").GetProperty("jobs").GetInt32());
    }

    [Fact]
    public async Task A_booth_registration_after_it_closed_and_a_queue_outside_the_fairs_hours_are_refused_with_the_reason()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        using var closed = await LedgerData.PostJsonAsync(specialist, "/api/v1/fairs", $$"""
            { "name_zh": "已截止", "name_en": "Closed", "starts_at": "{{DateTimeOffset.UtcNow.AddHours(1):O}}", "ends_at": "{{DateTimeOffset.UtcNow.AddHours(3):O}}",
              "registration_closes_at": "{{DateTimeOffset.UtcNow.AddMinutes(-5):O}}" }
            """);
        Assert.Equal(HttpStatusCode.Created, closed.StatusCode);
        var fairId = (await LedgerData.JsonAsync(closed)).GetProperty("id").GetInt64();
        var posting = await PostAsync(factory, "普工", "General worker", "general_worker", uscc: Factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Factory);
        using var badPeriod = await LedgerData.PostJsonAsync(specialist, "/api/v1/fairs", """{ "name_zh": "错", "name_en": "Wrong", "starts_at": "2020-05-20T09:00:00+08:00", "ends_at": "2020-05-20T08:00:00+08:00" }""");

        using var late = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/{fairId}/booths", $$"""{ "posting_ids": [{{posting}}] }""");

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("fair_id", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("ends_at", await badPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Seekers_take_one_ticket_each_in_order_the_booth_calls_them_in_turn_and_sees_who_is_coming(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var fairId = await FairAsync(specialist, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(2));
        var posting = await PostAsync(factory, "普工", "General worker", "general_worker", uscc: Factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Factory);
        using var booth = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/{fairId}/booths", $$"""{ "posting_ids": [{{posting}}] }""");
        var boothId = (await LedgerData.JsonAsync(booth)).GetProperty("id").GetInt64();
        using var ana = await SeekerAsync(factory, "刘洋", 901);
        using var bo = await SeekerAsync(factory, "何静", 902);

        var firstTicket = await JoinAsync(ana, boothId, HttpStatusCode.Created);
        var repeated = await JoinAsync(ana, boothId, HttpStatusCode.OK);
        var secondTicket = await JoinAsync(bo, boothId, HttpStatusCode.Created);

        Assert.Equal(1, firstTicket.GetProperty("number").GetInt32());
        Assert.Equal(1, repeated.GetProperty("number").GetInt32());
        Assert.Equal(2, secondTicket.GetProperty("number").GetInt32());
        Assert.Equal(1, secondTicket.GetProperty("ahead").GetInt32());
        var queue = (await LedgerData.GetJsonAsync(enterprise, $"/api/v1/fairs/booths/{boothId}/queue")).EnumerateArray().ToList();
        Assert.Equal(["刘洋", "何静"], queue.Select(q => q.GetProperty("name").GetString()));

        using var call1 = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/booths/{boothId}/next", "{}");
        Assert.Equal(1, (await LedgerData.JsonAsync(call1)).GetProperty("number").GetInt32());
        var anaView = (await LedgerData.GetJsonAsync(ana, $"/api/v1/fairs/{fairId}")).GetProperty("booths")[0];
        Assert.Equal("called", anaView.GetProperty("my_status").GetString());
        using var call2 = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/booths/{boothId}/next", "{}");
        Assert.Equal(2, (await LedgerData.JsonAsync(call2)).GetProperty("number").GetInt32());
        using var call3 = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/booths/{boothId}/next", "{}");
        Assert.Equal(HttpStatusCode.NoContent, call3.StatusCode);
        var stats = await LedgerData.GetJsonAsync(specialist, $"/api/v1/fairs/{fairId}/stats");
        Assert.Equal(2, stats.GetProperty("queued").GetInt32());
        Assert.Equal(2, stats.GetProperty("seen").GetInt32());
        using var otherEmployer = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Shop);
        using var foreignQueue = await otherEmployer.GetAsync($"/api/v1/fairs/booths/{boothId}/queue");
        Assert.Equal(HttpStatusCode.NotFound, foreignQueue.StatusCode);
    }

    [Fact]
    public async Task A_campaigns_statistics_count_the_applications_interviews_and_hires_of_its_booths_postings_during_its_fairs()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        using var policy = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        using var campaign = await LedgerData.PostJsonAsync(policy, "/api/v1/fairs/campaigns", """{ "kind": "graduates_month", "name_zh": "高校毕业生网上招聘月", "name_en": "Graduates' month", "starts_on": "2020-05-20", "ends_on": "2020-07-19" }""");
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        var campaignId = (await LedgerData.JsonAsync(campaign)).GetProperty("id").GetInt64();
        var fairId = await FairAsync(policy, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(2), campaignId);
        await FairAsync(policy, DateTimeOffset.UtcNow.AddDays(3), DateTimeOffset.UtcNow.AddDays(4), campaignId);
        var shown = await PostAsync(factory, "普工", "General worker", "general_worker", uscc: Factory);
        var notShown = await PostAsync(factory, "保安员", "Security guard", "security_guard", uscc: Factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Factory);
        using var booth = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/fairs/{fairId}/booths", $$"""{ "posting_ids": [{{shown}}] }""");
        using var ana = await SeekerAsync(factory, "刘洋", 911);
        using var bo = await SeekerAsync(factory, "何静", 912);
        var a1 = await ApplyAsync(ana, shown);
        var a2 = await ApplyAsync(bo, shown);
        await ApplyAsync(bo, notShown);

        await MoveAsync(enterprise, a1, "interview");
        await MoveAsync(enterprise, a1, "hired");
        await MoveAsync(enterprise, a2, "interview");

        var stats = await LedgerData.GetJsonAsync(policy, $"/api/v1/fairs/campaigns/{campaignId}/stats");
        Assert.Equal(1, stats.GetProperty("fairs_held").GetInt32());
        Assert.Equal(1, stats.GetProperty("jobs").GetInt32());
        Assert.Equal(2, stats.GetProperty("applications").GetInt32());
        Assert.Equal(2, stats.GetProperty("interviews").GetInt32());
        Assert.Equal(1, stats.GetProperty("hires").GetInt32());
    }

    private static async Task<long> FairAsync(SignedInClient staff, DateTimeOffset starts, DateTimeOffset ends, long? campaignId = null)
    {
        using var response = await LedgerData.PostJsonAsync(staff, "/api/v1/fairs", $$"""
            { {{(campaignId is null ? "" : $"\"campaign_id\": {campaignId},")}} "name_zh": "空中双选会", "name_en": "Online double-choice fair",
              "starts_at": "{{starts:O}}", "ends_at": "{{ends:O}}" }
            """);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await LedgerData.JsonAsync(response)).GetProperty("id").GetInt64();
    }

    /// <summary>A job seeker's account with a graduate's profile registered through the API.</summary>
    private static async Task<SignedInClient> SeekerAsync(WenjiuFactory factory, string name, long person)
    {
        var client = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        using var response = await LedgerData.PostJsonAsync(client, "/api/v1/seekers/me", $$"""
            { "id_number": "{{CityGenerator.MakeIdNumber(700_000_000 + person)}}", "name": "{{name}}", "kind": "graduate", "district": "{{Chaoyang}}", "education": "bachelor",
              "school": "北京工业大学", "major": "软件工程", "graduation_year": 2020, "wanted_occupations": ["general_worker"], "pay_min": 5000 }
            """, Guid.NewGuid().ToString("N"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return client;
    }

    private static async Task<JsonElement> JoinAsync(SignedInClient seeker, long boothId, HttpStatusCode expected)
    {
        using var response = await LedgerData.PostJsonAsync(seeker, $"/api/v1/fairs/booths/{boothId}/queue", "{}");
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        return await LedgerData.JsonAsync(response);
    }

    private static async Task<long> ApplyAsync(SignedInClient seeker, long postingId)
    {
        using var response = await LedgerData.PostJsonAsync(seeker, $"/api/v1/jobs/{postingId}/applications", "{}", Guid.NewGuid().ToString("N"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await LedgerData.JsonAsync(response)).GetProperty("id").GetInt64();
    }

    private static async Task MoveAsync(SignedInClient employer, long applicationId, string stage)
    {
        using var response = await LedgerData.PostJsonAsync(employer, $"/api/v1/applications/{applicationId}/stage", $$"""{ "stage": "{{stage}}" }""");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
