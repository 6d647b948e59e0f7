using System.Net;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using static Wenjiu.Tests.Recruitment.SeekerData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>An enterprise's own postings through the API (issue 10 §3): create once per key, edit, refresh, open and close.</summary>
public sealed class EmployerPostingTests
{
    private static object Draft(string title = "软件开发工程师") => new
    {
        title_zh = title,
        title_en = "Software developer",
        occupation = "software_engineer",
        district = RecruitmentData.Chaoyang,
        pay_min = 9000m,
        pay_max = 15000m,
        education = "bachelor",
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_publishes_once_per_key_then_edits_refreshes_and_closes_its_own_posting(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer.Uscc);
        using var other = await SignedInClient.CreateAsync(factory, Roles.Enterprise, (await RegistryData.AddEmployerAsync(factory, "北京另一家公司")).Uscc);

        using var created = await SendAsync(enterprise, HttpMethod.Post, "/api/v1/jobs", Draft(), "p1");
        using var retried = await SendAsync(enterprise, HttpMethod.Post, "/api/v1/jobs", Draft(), "p1");
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();
        using var edited = await SendAsync(enterprise, HttpMethod.Put, $"/api/v1/jobs/{id}", Draft("高级软件开发工程师"));
        using var strangers = await SendAsync(other, HttpMethod.Put, $"/api/v1/jobs/{id}", Draft("别人的岗位"));
        using var refreshed = await SendAsync(enterprise, HttpMethod.Post, $"/api/v1/jobs/{id}/refresh");
        using var closed = await SendAsync(enterprise, HttpMethod.Post, $"/api/v1/jobs/{id}/status", new { open = false });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(id, (await JsonAsync(retried)).GetProperty("id").GetInt64());
        Assert.Equal("高级软件开发工程师", (await JsonAsync(edited)).GetProperty("title_zh").GetString());
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("closed", (await JsonAsync(closed)).GetProperty("status").GetString());
        var posting = await RecruitmentData.RecruitmentAsync(factory, db => db.Postings.AsNoTracking().SingleAsync());
        Assert.Equal((employer.Name, PostingStatus.Closed, "高级软件开发工程师"), (posting.EmployerName, posting.Status, posting.TitleZh));
        // Published, edited, closed: three changes for the nodes' indexes.
        Assert.Equal(3, await RecruitmentData.RecruitmentAsync(factory, db => db.PostingChanges.CountAsync(c => c.PostingId == id)));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_posting_with_mistakes_is_refused_naming_the_fields_and_a_ledger_lines_posting_is_not_the_enterprises_to_edit(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        await RecruitmentData.PublishLineAsync(factory, RecruitmentData.Line(7, Wenjiu.Ledger.Contracts.DemandLineStatus.Open));
        var line = await RecruitmentData.RecruitmentAsync(factory, db => db.Postings.AsNoTracking().SingleAsync());
        await RegistryData.AddEmployerAsync(factory, "北京防疫物资有限公司", uscc: line.Uscc);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, line.Uscc);

        using var wrong = await SendAsync(enterprise, HttpMethod.Post, "/api/v1/jobs", new { title_zh = "", occupation = "astronaut", district = "999999", pay_min = 9000m, pay_max = 100m, education = "phd" }, "w");
        using var lineEdit = await SendAsync(enterprise, HttpMethod.Put, $"/api/v1/jobs/{line.Id}", Draft());

        var errors = (await JsonAsync(wrong)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("occupation", out _));
        Assert.True(errors.TryGetProperty("district", out _));
        Assert.True(errors.TryGetProperty("pay_min", out _));
        Assert.True(errors.TryGetProperty("education", out _));
        Assert.Equal(HttpStatusCode.NotFound, lineEdit.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_enterprise_lists_its_postings_with_applicant_counts_and_closes_one_with_a_plain_form(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        var mine = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: employer.Uscc);
        var theirs = await RecruitmentData.PostAsync(factory, "别家的岗位", "Someone else's", "software_engineer", uscc: RegistryData.NewUscc());
        var (client, _) = await RegisteredSeekerAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer.Uscc);
        using (client)
        {
            (await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{mine}/applications", key: "a")).Dispose();

            var list = await enterprise.GetPageAsync("/Recruitment/Postings");
            using var close = await enterprise.PostFormAsync("/Recruitment/Postings", $"/Recruitment/Postings?handler=Switch&id={mine}&open=false", []);
            using var closeTheirs = await enterprise.PostFormAsync("/Recruitment/Postings", $"/Recruitment/Postings?handler=Switch&id={theirs}&open=false", []);

            Assert.Contains($"href=\"/Recruitment/Pipeline/{mine}\"", list, StringComparison.Ordinal);
            Assert.Contains("应聘者 1 人", list, StringComparison.Ordinal);
            Assert.DoesNotContain("别家的岗位", list, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, closeTheirs.StatusCode);
            Assert.Equal(PostingStatus.Closed, await RecruitmentData.RecruitmentAsync(factory, db => db.Postings.Where(p => p.Id == mine).Select(p => p.Status).SingleAsync()));
            Assert.Equal(PostingStatus.Open, await RecruitmentData.RecruitmentAsync(factory, db => db.Postings.Where(p => p.Id == theirs).Select(p => p.Status).SingleAsync()));
        }
    }
}
