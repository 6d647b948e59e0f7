using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Applications;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Recruitment.SeekerData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>Applications and the pipeline through the API (issue 10 §4).</summary>
public sealed class ApplicationTests
{
    private static readonly string Employer = Registry.RegistryData.NewUscc();
    private static readonly string Agency = Registry.RegistryData.NewUscc(district: "110108");

    private static async Task<List<FunnelStageReached>> FunnelEventsAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var payloads = await db.OutboxMessages.AsNoTracking().Where(m => m.Type == FunnelStageReached.EventType).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync();
        return [.. payloads.Select(p => Wenjiu.Platform.Events.EventJson.Deserialize<FunnelStageReached>(p))];
    }

    private static Task<HttpResponseMessage> MoveAsync(SignedInClient employer, long applicationId, string stage, string? reason = null) =>
        SendAsync(employer, HttpMethod.Post, $"/api/v1/applications/{applicationId}/stage", new { stage, refusal_reason = reason });

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Applying_again_with_the_same_key_or_another_makes_one_application_and_one_applied_event(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var postingId = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        var (client, seekerId) = await RegisteredSeekerAsync(factory);
        using (client)
        {
            using var first = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: "click-1");
            using var retry = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: "click-1");
            using var doubleClick = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: "click-2");
            using var noKey = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications");

            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(HttpStatusCode.OK, doubleClick.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
            Assert.True((await JsonAsync(noKey)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
            var application = Assert.Single(await RecruitmentData.RecruitmentAsync(factory, db => db.Applications.AsNoTracking().ToListAsync()));
            Assert.Equal(seekerId, application.SeekerId);
            var applied = Assert.Single(await FunnelEventsAsync(factory));
            Assert.Equal((application.Id, postingId, FunnelStage.Applied, Employer, application.PersonId), (applied.CandidateId, applied.PostingId, applied.Stage, applied.Uscc, applied.PersonId));
        }
    }

    [Fact]
    public async Task Concurrent_retries_on_PostgreSQL_make_one_application()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, RecruitmentData.NoDispatch);
        var postingId = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        var (client, _) = await RegisteredSeekerAsync(factory);
        using (client)
        {
            // Half retry the same request (one key), half are double clicks (a key each), all at once.
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
                Task.Run(() => SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: i % 2 == 0 ? "retry" : $"click-{i}"))));

            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            var ids = await Task.WhenAll(responses.Select(async r => (await JsonAsync(r)).GetProperty("id").GetInt64()));
            Assert.Single(ids.Distinct());
            Assert.Equal(1, await RecruitmentData.RecruitmentAsync(factory, db => db.Applications.CountAsync()));
            Assert.Single(await FunnelEventsAsync(factory));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_agency_referral_of_someone_who_applied_merges_into_the_application_and_the_employer_sees_the_other_posting(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var developer = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        var tester = await RecruitmentData.PostAsync(factory, "软件测试工程师", "Software tester", "software_engineer", uscc: Employer);
        var (client, seekerId) = await RegisteredSeekerAsync(factory, "李明");
        using var agency = await SignedInClient.CreateAsync(factory, Roles.HrAgency, Agency);
        using var employer = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Employer);
        using (client)
        {
            using var unconsented = await SendAsync(agency, HttpMethod.Post, $"/api/v1/jobs/{developer}/referrals", new { seeker_id = seekerId }, "r0");
            (await SendAsync(client, HttpMethod.Put, $"/api/v1/seekers/me/consents/{Agency}")).Dispose();
            (await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{developer}/applications", key: "a1")).Dispose();
            (await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{tester}/applications", key: "a2")).Dispose();
            using var referral = await SendAsync(agency, HttpMethod.Post, $"/api/v1/jobs/{developer}/referrals", new { seeker_id = seekerId }, "r1");
            using var pipeline = await employer.GetAsync($"/api/v1/jobs/{developer}/applications");

            Assert.Equal(HttpStatusCode.BadRequest, unconsented.StatusCode);
            Assert.Equal(HttpStatusCode.OK, referral.StatusCode);
            Assert.Equal(["seeker", "agency"], (await JsonAsync(referral)).GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
            var applicant = Assert.Single((await JsonAsync(pipeline)).EnumerateArray());
            Assert.Equal("李明", applicant.GetProperty("name").GetString());
            var also = Assert.Single(applicant.GetProperty("also_applied").EnumerateArray());
            Assert.Equal(tester, also.GetProperty("posting_id").GetInt64());
            Assert.Equal(2, await RecruitmentData.RecruitmentAsync(factory, db => db.Applications.CountAsync()));
            Assert.Equal(Agency, await RecruitmentData.RecruitmentAsync(factory, db => db.Applications.Where(a => a.PostingId == developer).Select(a => a.AgencyUscc).SingleAsync()));
            Assert.Single(await Registry.AuditTrail.EntriesAsync(factory, Applications.PipelineViewAction));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_employer_moves_an_applicant_forward_and_refuses_with_a_reason_each_move_recorded_and_published(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var postingId = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        var (client, _) = await RegisteredSeekerAsync(factory);
        using var employer = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Employer);
        using var otherEmployer = await SignedInClient.CreateAsync(factory, Roles.Enterprise, "91110105MA00000002");
        using (client)
        {
            using var applied = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: "a");
            var id = (await JsonAsync(applied)).GetProperty("id").GetInt64();

            using var stranger = await MoveAsync(otherEmployer, id, "screening");
            using var screening = await MoveAsync(employer, id, "screening");
            using var interview = await MoveAsync(employer, id, "interview");
            using var backwards = await MoveAsync(employer, id, "screening");
            using var noReason = await MoveAsync(employer, id, "refused");
            using var refused = await MoveAsync(employer, id, "refused", "position_filled");
            using var afterRefusal = await MoveAsync(employer, id, "offer");
            using var mine = await client.GetAsync("/api/v1/applications/mine");

            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
            Assert.Equal(HttpStatusCode.OK, screening.StatusCode);
            Assert.Equal("interview", (await JsonAsync(interview)).GetProperty("stage").GetString());
            Assert.True((await JsonAsync(backwards)).GetProperty("errors").TryGetProperty("stage", out _));
            Assert.True((await JsonAsync(noReason)).GetProperty("errors").TryGetProperty("refusal_reason", out _));
            Assert.Equal("position_filled", (await JsonAsync(refused)).GetProperty("refusal_reason").GetString());
            Assert.Equal(HttpStatusCode.BadRequest, afterRefusal.StatusCode);
            var mineNow = Assert.Single((await JsonAsync(mine)).EnumerateArray());
            Assert.Equal("refused", mineNow.GetProperty("stage").GetString());
            Assert.Contains("感谢您的申请", mineNow.GetProperty("refusal_message").GetString(), StringComparison.Ordinal);

            var changes = await RecruitmentData.RecruitmentAsync(factory, db => db.ApplicationStageChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
            Assert.Equal([ApplicationStage.Applied, ApplicationStage.Screening, ApplicationStage.Interview, ApplicationStage.Refused], changes.Select(c => c.To));
            Assert.Equal(employer.UserName, changes[^1].By);
            Assert.Equal(RefusalReason.PositionFilled, changes[^1].RefusalReason);
            Assert.Equal([FunnelStage.Applied, FunnelStage.Interviewed, FunnelStage.Refused], (await FunnelEventsAsync(factory)).Select(e => e.Stage));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_seeker_withdraws_an_open_application_once_and_the_employer_can_no_longer_move_it(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var postingId = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        var (client, _) = await RegisteredSeekerAsync(factory);
        var (other, _) = await RegisteredSeekerAsync(factory, "王芳");
        using var employer = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Employer);
        using (client)
        using (other)
        {
            using var applied = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: "a");
            var id = (await JsonAsync(applied)).GetProperty("id").GetInt64();

            using var byOther = await SendAsync(other, HttpMethod.Post, $"/api/v1/applications/{id}/withdrawal");
            using var withdrawn = await SendAsync(client, HttpMethod.Post, $"/api/v1/applications/{id}/withdrawal");
            using var again = await SendAsync(client, HttpMethod.Post, $"/api/v1/applications/{id}/withdrawal");
            using var moved = await MoveAsync(employer, id, "screening");

            Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
            Assert.Equal("withdrawn", (await JsonAsync(withdrawn)).GetProperty("stage").GetString());
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
            Assert.Equal([FunnelStage.Applied, FunnelStage.Withdrawn], (await FunnelEventsAsync(factory)).Select(e => e.Stage));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_application_to_a_closed_posting_is_refused_naming_the_posting(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var postingId = await RecruitmentData.PostAsync(factory, "软件开发工程师", "Software developer", "software_engineer", uscc: Employer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Wenjiu.Recruitment.Features.Postings.Postings>().SwitchAsync(postingId, open: false, CancellationToken.None);
        }

        var (client, _) = await RegisteredSeekerAsync(factory);
        using (client)
        {
            using var response = await SendAsync(client, HttpMethod.Post, $"/api/v1/jobs/{postingId}/applications", key: "a");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("posting_id", out _));
        }
    }
}
