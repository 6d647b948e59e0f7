using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Features.Confirmations;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;
using Wenjiu.Tests.Events;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using static Wenjiu.Tests.Ledger.LedgerData;

namespace Wenjiu.Tests.Ledger;

/// <summary>The key-enterprise demand ledger (issue 10 §1) through its API and pages, on both providers.</summary>
public sealed class DemandLedgerTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_policy_officer_designates_a_registered_employer_and_the_ledger_answers_its_category_until_the_designation_ends(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京自来水公司");
        using var policy = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var unknown = await PostJsonAsync(policy, "/api/v1/ledger/designations", """{ "uscc": "91110105MA00000000", "category": "public_utilities" }""");
        using var wrongCategory = await PostJsonAsync(policy, "/api/v1/ledger/designations", $$"""{ "uscc": "{{employer.Uscc}}", "category": "banking" }""");
        using var designated = await PostJsonAsync(policy, "/api/v1/ledger/designations", $$"""{ "uscc": "{{employer.Uscc}}", "category": "public_utilities" }""");
        var body = await JsonAsync(designated);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("not registered", (await JsonAsync(unknown)).GetProperty("errors").GetProperty("uscc")[0].GetString(), StringComparison.Ordinal);
        Assert.True((await JsonAsync(wrongCategory)).GetProperty("errors").TryGetProperty("category", out _));
        Assert.Equal(HttpStatusCode.Created, designated.StatusCode);
        Assert.Equal(("北京自来水公司", "public_utilities", true), (body.GetProperty("name").GetString(), body.GetProperty("category").GetString(), body.GetProperty("in_force").GetBoolean()));
        Assert.Equal(policy.UserName, body.GetProperty("designated_by").GetString());
        Assert.Equal(KeyEnterpriseCategory.PublicUtilities, await KeyCategoryAsync(factory, employer.Uscc));

        using var ended = await PostJsonAsync(policy, $"/api/v1/ledger/designations/{body.GetProperty("id").GetInt64()}/end", "{}");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Null(await KeyCategoryAsync(factory, employer.Uscc));
        var page = await policy.GetPageAsync("/Ledger/Designations?culture=en");
        Assert.Contains("北京自来水公司", page, StringComparison.Ordinal);
        Assert.Contains("Ended", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_line_with_wrong_fields_is_refused_naming_each_field_and_its_rule_and_only_a_key_enterprise_has_lines(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var key = await KeyEnterpriseAsync(factory);
        var ordinary = await RegistryData.AddEmployerAsync(factory, "普通企业");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, key);
        using var other = await SignedInClient.CreateAsync(factory, Roles.Enterprise, ordinary.Uscc);

        using var wrong = await PostJsonAsync(enterprise, "/api/v1/ledger/lines", """
            { "occupation": "astronaut", "headcount": 0, "must_have_skills": ["nurse_licence", "telepathy"], "district": "999999", "site": "",
              "pay_min": 9000, "pay_max": 5000, "start_on": "2020-02-30" }
            """, "k1");
        using var noKey = await PostJsonAsync(enterprise, "/api/v1/ledger/lines", LineJson());
        using var notKey = await PostJsonAsync(other, "/api/v1/ledger/lines", LineJson(), "k2");
        var errors = (await JsonAsync(wrong)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        string Rule(string field) => errors.GetProperty(field)[0].GetString()!;
        Assert.StartsWith("unknown: not an occupation code", Rule("occupation"), StringComparison.Ordinal);
        Assert.StartsWith("out of range", Rule("headcount"), StringComparison.Ordinal);
        Assert.Contains("telepathy", Rule("must_have_skills"), StringComparison.Ordinal);
        Assert.DoesNotContain("nurse_licence", Rule("must_have_skills"), StringComparison.Ordinal);
        Assert.StartsWith("unknown", Rule("district"), StringComparison.Ordinal);
        Assert.Equal("required", Rule("site"));
        Assert.StartsWith("below pay_min", Rule("pay_max"), StringComparison.Ordinal);
        Assert.StartsWith("invalid", Rule("start_on"), StringComparison.Ordinal);
        Assert.True((await JsonAsync(noKey)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.StartsWith("not a key enterprise", (await JsonAsync(notKey)).GetProperty("errors").GetProperty("uscc")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await QueryAsync(factory, db => db.Lines.CountAsync()));

        // The same fields on the page: each message beside its field, in the reader's language.
        using var form = await enterprise.PostFormAsync("/Ledger/Lines/Edit", "/Ledger/Lines/Edit?culture=en", [new("Form.Occupation", "nurse"), new("Form.Headcount", "3"), new("Form.District", "110105"), new("Form.Site", "x"), new("Form.PayMin", "9000"), new("Form.PayMax", "5000"), new("Form.StartOn", "2020-03-01")]);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Form_pay_max-error\"", html, StringComparison.Ordinal);
        Assert.Contains("The upper pay must not be below the lower", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_line_is_opened_once_per_idempotency_key_titled_from_its_occupation_and_published(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var key = await KeyEnterpriseAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, key);

        var line = await OpenLineAsync(enterprise, LineJson(), "same-key");
        using var retry = await PostJsonAsync(enterprise, "/api/v1/ledger/lines", LineJson(), "same-key");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(line.GetProperty("id").GetInt64(), (await JsonAsync(retry)).GetProperty("id").GetInt64());
        Assert.Equal(("护士", "Nurse", "open", key), (line.GetProperty("title_zh").GetString(), line.GetProperty("title_en").GetString(), line.GetProperty("status").GetString(), line.GetProperty("uscc").GetString()));
        Assert.Equal(5000m, line.GetProperty("pay_min").GetDecimal());
        Assert.Equal(1, await EventsAsync(factory, DemandLineChanged.EventType));
        await using var scope = factory.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<IDemandLedger>().FindLineAsync(line.GetProperty("id").GetInt64());
        Assert.Equal(["nurse_licence"], found!.MustHaveSkills);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_new_line_goes_to_the_least_loaded_specialist_of_its_district_else_citywide_and_a_lead_overrides_with_a_reason(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var key = await KeyEnterpriseAsync(factory);
        await SpecialistAsync(factory, "spec-a", 10, "110105");
        await SpecialistAsync(factory, "spec-b", 10, "110105", "110108");
        await SpecialistAsync(factory, "spec-c", 1, "110101");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, key);

        var first = await OpenLineAsync(enterprise, LineJson("110105"));
        var second = await OpenLineAsync(enterprise, LineJson("110105"));
        var third = await OpenLineAsync(enterprise, LineJson("110105"));
        // Nobody covers Fengtai: the least loaded citywide, by load (open lines ÷ capacity): spec-c has 0 of 1.
        var elsewhere = await OpenLineAsync(enterprise, LineJson("110106"));

        Assert.Equal(["spec-a", "spec-b", "spec-a"], new[] { first, second, third }.Select(l => l.GetProperty("specialist").GetString()));
        Assert.Equal("spec-c", elsewhere.GetProperty("specialist").GetString());

        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var id = first.GetProperty("id").GetInt64();
        using var noReason = await PostJsonAsync(admin, $"/api/v1/ledger/lines/{id}/assignment", """{ "specialist": "spec-b" }""");
        using var notSpecialist = await PostJsonAsync(admin, $"/api/v1/ledger/lines/{id}/assignment", """{ "specialist": "nobody", "reason": "x" }""");
        using var moved = await PostJsonAsync(admin, $"/api/v1/ledger/lines/{id}/assignment", """{ "specialist": "spec-b", "reason": "懂医疗行业" }""");
        var body = await JsonAsync(moved);

        Assert.Equal("required: an override names its reason", (await JsonAsync(noReason)).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.True((await JsonAsync(notSpecialist)).GetProperty("errors").TryGetProperty("specialist", out _));
        Assert.Equal("spec-b", body.GetProperty("specialist").GetString());
        var history = body.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("kind").GetString(), h.TryGetProperty("detail", out var d) ? d.GetString() : null)).ToList();
        Assert.Equal([("assigned", "spec-a"), ("opened", null), ("reassigned", $"spec-a → spec-b: 懂医疗行业")], history);

        // The specialist's work list holds their lines only; first contact is due within the target and recorded once.
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist, userName: "spec-b");
        var list = await GetJsonAsync(specialist, "/api/v1/ledger/lines");
        Assert.Equal(2, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), l => Assert.Equal("spec-b", l.GetProperty("specialist").GetString()));
        await ChangeAsync(factory, async db => (await db.Lines.SingleAsync(l => l.Id == id)).AssignedAt = DateTimeOffset.UtcNow.AddDays(-2));
        Assert.True((await GetJsonAsync(specialist, $"/api/v1/ledger/lines/{id}")).GetProperty("first_contact_overdue").GetBoolean());
        Assert.Contains($"id=\"line-{id}-overdue\"", await specialist.GetPageAsync("/Ledger/Lines"), StringComparison.Ordinal);
        using var contact = await PostJsonAsync(specialist, $"/api/v1/ledger/lines/{id}/first-contact", "{}");
        Assert.False((await JsonAsync(contact)).GetProperty("first_contact_overdue").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_work_list_is_ordered_by_urgency(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var masks = await KeyEnterpriseAsync(factory, "epidemic_prevention", "口罩厂");
        var project = await KeyEnterpriseAsync(factory, "major_projects", "地铁工程");
        await SpecialistAsync(factory, "spec-u", 50, "110105");
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist, userName: "spec-u");
        var soon = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var later = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // 10 × 3 × 2 = 60; 200 × 1 × 1 = 200; 4 × 3 × 1 = 12.
        await OpenLineAsync(specialist, LineJson(headcount: 10, startOn: soon, uscc: masks));
        await OpenLineAsync(specialist, LineJson(headcount: 200, startOn: later, uscc: project));
        await OpenLineAsync(specialist, LineJson(headcount: 4, startOn: soon, uscc: project));
        var list = await GetJsonAsync(specialist, "/api/v1/ledger/lines");

        Assert.Equal([200m, 60m, 12m], list.EnumerateArray().Select(l => l.GetProperty("urgency").GetDecimal()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_funnel_is_counted_once_from_recruitment_events_and_a_stage_waiting_past_its_target_is_stuck(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var key = await KeyEnterpriseAsync(factory);
        await SpecialistAsync(factory, "spec-f", 10, "110105");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, key);
        var id = (await OpenLineAsync(enterprise, LineJson())).GetProperty("id").GetInt64();
        var now = DateTimeOffset.UtcNow;

        // Three recommended today; two of them applied, one of those ten days ago (the target for "applied" is 5 days).
        await PublishAsync(factory, new FunnelStageReached(1, 7, id, key, 101, FunnelStage.Recommended, null, now.AddDays(-12)));
        await PublishAsync(factory, new FunnelStageReached(2, 7, id, key, 102, FunnelStage.Recommended, null, now.AddHours(-1)));
        await PublishAsync(factory, new FunnelStageReached(3, 7, id, key, 103, FunnelStage.Recommended, null, now.AddHours(-1)));
        await PublishAsync(factory, new FunnelStageReached(1, 7, id, key, 101, FunnelStage.Applied, null, now.AddDays(-10)));
        await PublishAsync(factory, new FunnelStageReached(2, 7, id, key, 102, FunnelStage.Applied, null, now.AddMinutes(-30)));
        // Redelivered and out-of-order: the older "recommended" of candidate 2 does not move it back.
        await PublishAsync(factory, new FunnelStageReached(2, 7, id, key, 102, FunnelStage.Recommended, null, now.AddHours(-1)));
        // An ordinary posting's event touches no line.
        await PublishAsync(factory, new FunnelStageReached(9, 8, null, key, 109, FunnelStage.Applied, null, now));
        await factory.DispatchAsync();

        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist, userName: "spec-f");
        var funnel = (await GetJsonAsync(specialist, $"/api/v1/ledger/lines/{id}")).GetProperty("funnel");
        Assert.Equal((3, 2, 0, 0), (funnel.GetProperty("recommended").GetInt32(), funnel.GetProperty("applied").GetInt32(), funnel.GetProperty("interviewed").GetInt32(), funnel.GetProperty("hired").GetInt32()));
        Assert.Equal("applied", funnel.GetProperty("stuck_at").GetString());
        Assert.Contains($"id=\"line-{id}-stuck\"", await specialist.GetPageAsync("/Ledger/Lines"), StringComparison.Ordinal);

        await PublishAsync(factory, new FunnelStageReached(1, 7, id, key, 101, FunnelStage.Interviewed, null, now));
        await factory.DispatchAsync();
        funnel = (await GetJsonAsync(specialist, $"/api/v1/ledger/lines/{id}")).GetProperty("funnel");
        Assert.False(funnel.TryGetProperty("stuck_at", out var stuck) && stuck.ValueKind != JsonValueKind.Null);
        Assert.Equal(1, funnel.GetProperty("interviewed").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_spell_started_by_a_funnel_person_is_a_hire_and_fills_the_line_while_anyone_else_touches_nothing(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var key = await KeyEnterpriseAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, key);
        var id = (await OpenLineAsync(enterprise, LineJson(headcount: 2))).GetProperty("id").GetInt64();
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(factory, new FunnelStageReached(1, 7, id, key, 201, FunnelStage.Interviewed, null, now));
        await PublishAsync(factory, new FunnelStageReached(2, 7, id, key, 202, FunnelStage.Hired, null, now));
        await factory.DispatchAsync();
        var month = new Platform.Periods.YearMonth(2020, 3);

        // Someone not in any funnel, and a funnel person starting at another employer: no hire.
        await PublishAsync(factory, new InsuredSpellStarted(299, key, month, null));
        await PublishAsync(factory, new InsuredSpellStarted(201, "91110105MA00000001", month, null));
        await factory.DispatchAsync();
        Assert.Equal((0, DemandLineStatus.Open), await HiredAsync(factory, id));

        await PublishAsync(factory, new InsuredSpellStarted(201, key, month, null));
        await PublishAsync(factory, new InsuredSpellStarted(201, key, month, null));
        await factory.DispatchAsync();
        Assert.Equal((1, DemandLineStatus.Open), await HiredAsync(factory, id));

        await PublishAsync(factory, new InsuredSpellStarted(202, key, month, null));
        await factory.DispatchAsync();
        var line = await GetJsonAsync(enterprise, $"/api/v1/ledger/lines/{id}");
        Assert.Equal(("filled", 2), (line.GetProperty("status").GetString(), line.GetProperty("hired").GetInt32()));
        Assert.Equal("filled", line.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_weekly_question_links_to_a_single_use_confirmation_and_an_unanswered_line_is_frozen_until_confirmed(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var key = await KeyEnterpriseAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, key);
        var confirmedId = (await OpenLineAsync(enterprise, LineJson())).GetProperty("id").GetInt64();
        var silentId = (await OpenLineAsync(enterprise, LineJson())).GetProperty("id").GetInt64();
        var freshId = (await OpenLineAsync(enterprise, LineJson())).GetProperty("id").GetInt64();
        await ChangeAsync(factory, async db =>
        {
            foreach (var line in await db.Lines.Where(l => l.Id != freshId).ToListAsync())
            {
                line.ConfirmedAt = DateTimeOffset.UtcNow.AddDays(-8);
            }
        });

        Assert.Equal((2, 0), await RunConfirmationsAsync(factory));
        Assert.Equal((0, 0), await RunConfirmationsAsync(factory));
        var links = await LinksAsync(factory);
        Assert.Equal(2, links.Count);

        // The link shows one button; pressing it confirms the line, once.
        var link = links[confirmedId];
        using var anonymous = SignedInClient.Anonymous(factory);
        using var confirm = await anonymous.PostFormAsync(link, link + "?culture=en", []);
        Assert.Contains("is confirmed as still needed", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await anonymous.PostFormAsync(link, link + "?culture=en", []);
        Assert.Contains("was used already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A week later the other question is still unanswered: that line is frozen and the change published.
        await ChangeAsync(factory, async db => (await db.Lines.SingleAsync(l => l.Id == silentId)).ConfirmationAskedAt = DateTimeOffset.UtcNow.AddDays(-8));
        var before = await EventsAsync(factory, DemandLineChanged.EventType);
        Assert.Equal((0, 1), await RunConfirmationsAsync(factory));
        Assert.Equal(before + 1, await EventsAsync(factory, DemandLineChanged.EventType));
        var statuses = await QueryAsync(factory, db => db.Lines.OrderBy(l => l.Id).Select(l => l.Status).ToListAsync());
        Assert.Equal([DemandLineStatus.Open, DemandLineStatus.Frozen, DemandLineStatus.Open], statuses);

        // Confirming it on the ledger unfreezes it.
        using var unfreeze = await PostJsonAsync(enterprise, $"/api/v1/ledger/lines/{silentId}/confirm", "{}");
        Assert.Equal("open", (await JsonAsync(unfreeze)).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_sees_and_changes_only_its_own_lines(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var mine = await KeyEnterpriseAsync(factory, name: "本单位");
        var theirs = await KeyEnterpriseAsync(factory, name: "别的单位");
        using var me = await SignedInClient.CreateAsync(factory, Roles.Enterprise, mine);
        using var them = await SignedInClient.CreateAsync(factory, Roles.Enterprise, theirs);
        var my = await OpenLineAsync(me, LineJson());
        // An enterprise naming another employer's code still opens for itself.
        var their = await OpenLineAsync(them, LineJson(uscc: mine));
        var theirId = their.GetProperty("id").GetInt64();

        Assert.Equal(theirs, their.GetProperty("uscc").GetString());
        var list = await GetJsonAsync(me, "/api/v1/ledger/lines");
        Assert.Equal([my.GetProperty("id").GetInt64()], list.EnumerateArray().Select(l => l.GetProperty("id").GetInt64()));
        using var read = await me.GetAsync($"/api/v1/ledger/lines/{theirId}");
        using var close = await PostJsonAsync(me, $"/api/v1/ledger/lines/{theirId}/close", "{}");
        using var page = await me.GetAsync($"/Ledger/Lines/Detail/{theirId}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, close.StatusCode, page.StatusCode));
        Assert.DoesNotContain("别的单位", await me.GetPageAsync("/Ledger/Lines"), StringComparison.Ordinal);

        using var closed = await PostJsonAsync(them, $"/api/v1/ledger/lines/{theirId}/close", """{ "reason": "已招满" }""");
        Assert.Equal("closed", (await JsonAsync(closed)).GetProperty("status").GetString());
    }

    private static async Task<(int, DemandLineStatus)> HiredAsync(WenjiuFactory factory, long id)
    {
        var line = await QueryAsync(factory, db => db.Lines.AsNoTracking().SingleAsync(l => l.Id == id));
        return (line.Hired, line.Status);
    }

    private static async Task<KeyEnterpriseCategory?> KeyCategoryAsync(WenjiuFactory factory, string uscc)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDemandLedger>().KeyCategoryAsync(uscc);
    }

    private static async Task<(int, int)> RunConfirmationsAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WeeklyConfirmations>().RunAsync();
    }

    /// <summary>The one-click link of each line's question, from the enterprise users' inbox.</summary>
    private static async Task<Dictionary<long, string>> LinksAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var notifications = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Kind == WeeklyConfirmations.AskKind).ToListAsync();
        var tokens = await QueryAsync(factory, db => db.ConfirmationTokens.ToListAsync());
        Assert.All(notifications, n => Assert.StartsWith("/Ledger/Confirm/", n.Link, StringComparison.Ordinal));
        // Only the token's hash is kept: match each link to its line by hashing it as the ledger does.
        return notifications.ToDictionary(
            n => tokens.Single(t => t.TokenHash == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(n.Link!["/Ledger/Confirm/".Length..])))).LineId,
            n => n.Link!);
    }
}
