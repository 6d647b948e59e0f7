using System.Net;
using System.Text;
using Ical.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Interviews;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Ledger;
using static Wenjiu.Tests.Recruitment.RecruitmentData;

namespace Wenjiu.Tests.Recruitment;

/// <summary>
/// Interviews (issue 10 §4): an invitation with an online room moves the application to interview and tells the seeker;
/// its <c>.ics</c> is read back by Ical.Net (a REQUEST with organiser and attendee when the seeker has an e-mail
/// address); the seeker answers; reminders a day and an hour before, once each; a no-show counts on the application.
/// </summary>
public sealed class InterviewTests
{
    private static readonly string Employer = CityGenerator.MakeUscc("91", "110105", 51);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_invitation_moves_the_application_to_interview_tells_the_seeker_and_its_ics_reads_back_as_the_same_slot(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var (enterprise, seeker, applicationId) = await AppliedAsync(factory, 1);
        using (enterprise)
        using (seeker)
        {
            var starts = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(2), TimeSpan.Zero); // 10:00 Beijing
            var interview = await InviteAsync(enterprise, applicationId, starts, 45);
            var interviewId = interview.GetProperty("id").GetInt64();

            Assert.Equal("interview", await StageAsync(factory, applicationId));
            Assert.Equal(1, interview.GetProperty("round").GetInt32());
            Assert.Equal(1, await NotificationsAsync(factory, seeker.UserName, Interviews.InvitationKind));
            var ics = await IcsAsync(seeker, interviewId);
            var calendar = Calendar.Load(ics)!;
            var e = Assert.Single(calendar.Events);
            Assert.Equal("PUBLISH", calendar.Method);
            Assert.EndsWith("@wenjiu", e.Uid, StringComparison.Ordinal);
            Assert.True(e.DtStart!.IsUtc);
            Assert.Equal(starts.UtcDateTime, e.DtStart.Value);
            Assert.Equal(starts.UtcDateTime.AddMinutes(45), e.DtEnd!.Value);
            Assert.Equal(new Uri("https://meet.example.cn/room/42"), e.Url);
            Assert.Contains("\r\n", ics, StringComparison.Ordinal);
            Assert.Equal(ics, await IcsAsync(enterprise, interviewId));

            using var other = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
            using var foreign = await other.GetAsync($"/api/v1/interviews/{interviewId}/invitation.ics");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
    }

    [Fact]
    public async Task A_seeker_with_an_email_address_gets_a_request_with_organiser_and_attendee_and_can_accept_it()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        var (enterprise, seeker, applicationId) = await AppliedAsync(factory, 2);
        using (enterprise)
        using (seeker)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                // Straight to the row: a change through the user manager would end the seeker's session (a new security stamp).
                await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Users.Where(u => u.UserName == seeker.UserName)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "graduate@example.cn"));
            }

            var interview = await InviteAsync(enterprise, applicationId, DateTimeOffset.UtcNow.AddDays(2), 30);
            var interviewId = interview.GetProperty("id").GetInt64();
            var calendar = Calendar.Load(await IcsAsync(seeker, interviewId))!;
            var e = Assert.Single(calendar.Events);

            Assert.Equal("REQUEST", calendar.Method);
            Assert.StartsWith("mailto:", e.Organizer!.Value!.ToString(), StringComparison.OrdinalIgnoreCase);
            var attendee = Assert.Single(e.Attendees);
            Assert.Equal("mailto:graduate@example.cn", attendee.Value!.ToString(), ignoreCase: true);
            Assert.True(attendee.Rsvp);

            using var accept = await LedgerData.PostJsonAsync(seeker, $"/api/v1/interviews/{interviewId}/response", """{ "accept": true }""");
            Assert.Equal("accepted", (await LedgerData.JsonAsync(accept)).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task An_invitation_without_an_https_room_or_in_the_past_is_refused_naming_the_field()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (enterprise, seeker, applicationId) = await AppliedAsync(factory, 3);
        using (enterprise)
        using (seeker)
        {
            using var http = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/applications/{applicationId}/interviews", $$"""{ "starts_at": "{{DateTimeOffset.UtcNow.AddDays(1):O}}", "minutes": 30, "link": "http://meet.example.cn/1" }""");
            using var past = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/applications/{applicationId}/interviews", """{ "starts_at": "2020-05-20T10:00:00+08:00", "minutes": 30, "link": "https://meet.example.cn/1" }""");
            using var foreign = await LedgerData.PostJsonAsync(seeker, $"/api/v1/applications/{applicationId}/interviews", "{}");

            Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
            Assert.Contains("\"link\"", await http.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
            Assert.Contains("\"starts_at\"", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
            Assert.Equal("applied", await StageAsync(factory, applicationId));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Reminders_go_a_day_and_an_hour_before_once_each_and_a_no_show_counts_on_the_application(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var (enterprise, seeker, applicationId) = await AppliedAsync(factory, 4);
        using (enterprise)
        using (seeker)
        {
            var interviewId = (await InviteAsync(enterprise, applicationId, DateTimeOffset.UtcNow.AddHours(5), 30)).GetProperty("id").GetInt64();

            Assert.Equal(1, await RemindAsync(factory));
            Assert.Equal(0, await RemindAsync(factory));
            await MoveStartAsync(factory, interviewId, DateTimeOffset.UtcNow.AddMinutes(40));
            Assert.Equal(1, await RemindAsync(factory));
            Assert.Equal(0, await RemindAsync(factory));
            Assert.Equal(2, await NotificationsAsync(factory, seeker.UserName, Interviews.ReminderKind));

            using var early = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/interviews/{interviewId}/outcome", """{ "attended": false }""");
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            await MoveStartAsync(factory, interviewId, DateTimeOffset.UtcNow.AddMinutes(-5));
            using var noShow = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/interviews/{interviewId}/outcome", """{ "attended": false }""");
            Assert.Equal("no_show", (await LedgerData.JsonAsync(noShow)).GetProperty("status").GetString());
            Assert.Equal(1, await RecruitmentAsync(factory, db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.NoShows).SingleAsync()));
        }
    }

    /// <summary>The employer's posting, a graduate who applied to it; the clients of both and the application's id.</summary>
    private static async Task<(SignedInClient Enterprise, SignedInClient Seeker, long ApplicationId)> AppliedAsync(WenjiuFactory factory, int n)
    {
        var posting = await PostAsync(factory, "软件工程师", "Software engineer", "software_engineer", uscc: Employer);
        var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Employer);
        var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        using (var registered = await LedgerData.PostJsonAsync(seeker, "/api/v1/seekers/me", $$"""
            { "id_number": "{{CityGenerator.MakeIdNumber(710_000_000 + n)}}", "name": "王小明", "kind": "graduate", "district": "{{Haidian}}", "education": "bachelor",
              "school": "北京邮电大学", "major": "软件工程", "graduation_year": 2020, "wanted_occupations": ["software_engineer"], "pay_min": 9000 }
            """, Guid.NewGuid().ToString("N")))
        {
            Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        }

        using var applied = await LedgerData.PostJsonAsync(seeker, $"/api/v1/jobs/{posting}/applications", "{}", Guid.NewGuid().ToString("N"));
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        return (enterprise, seeker, (await LedgerData.JsonAsync(applied)).GetProperty("id").GetInt64());
    }

    private static async Task<System.Text.Json.JsonElement> InviteAsync(SignedInClient enterprise, long applicationId, DateTimeOffset starts, int minutes)
    {
        using var response = await LedgerData.PostJsonAsync(enterprise, $"/api/v1/applications/{applicationId}/interviews",
            $$"""{ "starts_at": "{{starts:O}}", "minutes": {{minutes}}, "link": "https://meet.example.cn/room/42" }""");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await LedgerData.JsonAsync(response);
    }

    private static async Task<string> IcsAsync(SignedInClient client, long interviewId)
    {
        using var response = await client.GetAsync($"/api/v1/interviews/{interviewId}/invitation.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    private static Task<string> StageAsync(WenjiuFactory factory, long applicationId) =>
        RecruitmentAsync(factory, async db => Wenjiu.Recruitment.Features.Seekers.Seekers.Code((await db.Applications.SingleAsync(a => a.Id == applicationId)).Stage));

    private static Task<int> MoveStartAsync(WenjiuFactory factory, long interviewId, DateTimeOffset starts) =>
        RecruitmentAsync(factory, db => db.Interviews.Where(i => i.Id == interviewId).ExecuteUpdateAsync(u => u.SetProperty(i => i.StartsAt, starts).SetProperty(i => i.EndsAt, starts.AddMinutes(30))));

    private static async Task<int> RemindAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InterviewReminders>().SendAsync(CancellationToken.None);
    }

    private static async Task<int> NotificationsAsync(WenjiuFactory factory, string userName, string kind)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        var id = (await users.FindByNameAsync(userName))!.Id;
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Notifications.CountAsync(n => n.UserId == id && n.Kind == kind);
    }
}
