using System.Net;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Recruitment.SeekerData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>The seeker's and the employer's pages, as plain forms without JavaScript (issue 10 §4).</summary>
public sealed class ApplicationPageTests
{
    private static readonly string Employer = Registry.RegistryData.NewUscc();

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_seeker_applies_from_the_job_page_twice_by_resending_the_form_and_has_one_application(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var postingId = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        var (client, _) = await RegisteredSeekerAsync(factory);
        using (client)
        {
            var page = $"/Recruitment/Jobs/Detail/{postingId}";
            var key = SignedInClient.HiddenValue(await client.GetPageAsync(page), "idempotency_key");

            using var first = await client.PostFormAsync(page, $"{page}?handler=Apply", [new("idempotency_key", key)]);
            using var resent = await client.PostFormAsync(page, $"{page}?handler=Apply", [new("idempotency_key", key)]);
            var mine = await client.GetPageAsync("/Recruitment/Applications");
            var after = await client.GetPageAsync(page);

            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
            Assert.Equal(1, await RecruitmentData.RecruitmentAsync(factory, db => db.Applications.CountAsync()));
            Assert.Contains("软件开发工程师", mine, StringComparison.Ordinal);
            Assert.Contains("已申请", mine, StringComparison.Ordinal);
            Assert.Contains("id=\"job-applied\"", after, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"job-apply\"", after, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_employer_moves_an_applicant_on_the_board_and_another_employer_gets_404(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var postingId = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        var (client, _) = await RegisteredSeekerAsync(factory, "李明");
        using var employer = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Employer);
        using var other = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Registry.RegistryData.NewUscc());
        using (client)
        {
            using var applied = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: "a");
            var id = (await JsonAsync(applied)).GetProperty("id").GetInt64();
            var board = $"/Recruitment/Pipeline/{postingId}";

            var before = await employer.GetPageAsync(board);
            using var moved = await employer.PostFormAsync(board, $"{board}?handler=Move", [new("application", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("stage", "interview"), new("refusal_reason", "")]);
            using var refusedWithoutReason = await employer.PostFormAsync(board, $"{board}?handler=Move", [new("application", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("stage", "refused"), new("refusal_reason", "")]);
            using var stranger = await other.GetAsync(board);

            Assert.Contains("李明", before, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            Assert.Equal(HttpStatusCode.OK, refusedWithoutReason.StatusCode);
            Assert.Contains("id=\"pipeline-error\"", await refusedWithoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(ApplicationStage.Interview, await RecruitmentData.RecruitmentAsync(factory, db => db.Applications.Select(a => a.Stage).SingleAsync()));
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        }
    }
}
