using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Applications;

namespace Wenjiu.Recruitment.Features.Interviews;

internal sealed record InterviewInput(DateTimeOffset? StartsAt, int? Minutes, string? Link);

internal sealed record InterviewResult(IReadOnlyDictionary<string, string> Errors, Interview? Interview, bool NotFound = false)
{
    public static InterviewResult Missing { get; } = new(new Dictionary<string, string>(), null, NotFound: true);

    public static InterviewResult Failed(string field, string key) => new(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = key }, null);
}

/// <summary>
/// Interviews (issue 10 §4): the employer invites an applicant to a round at a time with an online room's link (the
/// application moves to "interview"); the seeker is told through the notifications with the invitation's
/// <c>.ics</c> (Ical.Net, RFC 5545: METHOD:REQUEST with ORGANIZER and ATTENDEE when the seeker's account has an
/// e-mail address, else METHOD:PUBLISH for their own calendar), accepts or declines; reminders go a day and an hour
/// before (<see cref="InterviewReminders"/>, once each); the employer records attended or no-show.
/// </summary>
internal sealed class Interviews(
    RecruitmentDbContext db, Applications.Applications applications, INotifications notifications, IOptions<SmtpOptions> smtp,
    UserManager<WenjiuUser> users, TimeProvider clock)
{
    public const string InvitationKind = "recruitment.interview-invitation";
    public const string ReminderKind = "recruitment.interview-reminder";

    public const int MaxMinutes = 240;

    public async Task<InterviewResult> InviteAsync(long applicationId, string uscc, InterviewInput input, string by, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId && a.Uscc == uscc, cancellationToken);
        if (application is null)
        {
            return InterviewResult.Missing;
        }

        if (Applications.Applications.IsClosed(application.Stage))
        {
            return InterviewResult.Failed("ApplicationId", "Interview.Error.Closed");
        }

        if (input.StartsAt is not { } starts || starts <= clock.GetUtcNow())
        {
            return InterviewResult.Failed(nameof(input.StartsAt), "Interview.Error.StartsAt");
        }

        if (input.Minutes is not (>= 10 and <= MaxMinutes))
        {
            return InterviewResult.Failed(nameof(input.Minutes), "Interview.Error.Minutes");
        }

        if (!Uri.TryCreate(input.Link?.Trim(), UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps || (input.Link?.Length ?? 0) > 500)
        {
            return InterviewResult.Failed(nameof(input.Link), "Interview.Error.Link");
        }

        if (application.Stage < ApplicationStage.Interview)
        {
            var moved = await applications.MoveAsync(applicationId, uscc, ApplicationStage.Interview, RefusalReason.None, by, cancellationToken);
            if (moved.Application is null)
            {
                return new InterviewResult(moved.Errors, null);
            }
        }

        var round = 1 + await db.Interviews.CountAsync(i => i.ApplicationId == applicationId, cancellationToken);
        var interview = new Interview
        {
            ApplicationId = applicationId, Round = round, StartsAt = starts.ToUniversalTime(), EndsAt = starts.ToUniversalTime().AddMinutes(input.Minutes.Value),
            Link = link.AbsoluteUri, Status = InterviewStatus.Invited, Uid = $"{Guid.NewGuid():N}@wenjiu", CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.Interviews.Add(interview);
        await db.SaveChangesAsync(cancellationToken);
        var (title, employer, seekerUser) = await PartiesAsync(interview, cancellationToken);
        if (seekerUser is not null)
        {
            await notifications.NotifyAsync(
                new NotificationRequest(
                    Recipients.UserNamed(seekerUser), InvitationKind, [employer, title, BeijingTime.Format(interview.StartsAt), interview.Link],
                    "/Recruitment/Applications", $"interview:{interview.Id}:invitation"),
                cancellationToken);
        }

        return new InterviewResult(new Dictionary<string, string>(), interview);
    }

    /// <summary>The seeker's interview (their own application's), or null.</summary>
    public Task<Interview?> OfSeekerAsync(long interviewId, long seekerId, CancellationToken cancellationToken) =>
        db.Interviews.FirstOrDefaultAsync(i => i.Id == interviewId && db.Applications.Any(a => a.Id == i.ApplicationId && a.SeekerId == seekerId), cancellationToken);

    /// <summary>The employer's interview (an application to one of its postings), or null.</summary>
    public Task<Interview?> OfEmployerAsync(long interviewId, string uscc, CancellationToken cancellationToken) =>
        db.Interviews.FirstOrDefaultAsync(i => i.Id == interviewId && db.Applications.Any(a => a.Id == i.ApplicationId && a.Uscc == uscc), cancellationToken);

    public async Task<IReadOnlyList<Interview>> OfApplicationsAsync(IReadOnlyCollection<long> applicationIds, CancellationToken cancellationToken) =>
        await db.Interviews.AsNoTracking().Where(i => applicationIds.Contains(i.ApplicationId)).OrderBy(i => i.StartsAt).ToListAsync(cancellationToken);

    /// <summary>The seeker accepts or declines an invitation not yet past.</summary>
    public async Task<bool> RespondAsync(Interview interview, bool accept, CancellationToken cancellationToken)
    {
        if (interview.Status is not (InterviewStatus.Invited or InterviewStatus.Accepted or InterviewStatus.Declined) || interview.StartsAt <= clock.GetUtcNow())
        {
            return false;
        }

        interview.Status = accept ? InterviewStatus.Accepted : InterviewStatus.Declined;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The employer records whether the seeker came; a no-show counts on the application.</summary>
    public async Task<bool> RecordOutcomeAsync(Interview interview, string uscc, bool attended, CancellationToken cancellationToken)
    {
        if (interview.Status is InterviewStatus.Cancelled or InterviewStatus.Attended or InterviewStatus.NoShow || interview.StartsAt > clock.GetUtcNow())
        {
            return false;
        }

        interview.Status = attended ? InterviewStatus.Attended : InterviewStatus.NoShow;
        await db.SaveChangesAsync(cancellationToken);
        if (!attended)
        {
            await applications.RecordNoShowAsync(interview.ApplicationId, uscc, cancellationToken);
        }

        return true;
    }

    /// <summary>The interview as an iCalendar file (UTF-8, CRLF lines, as RFC 5545 asks).</summary>
    public async Task<string> IcsAsync(Interview interview, CancellationToken cancellationToken)
    {
        var (title, employer, seekerUser) = await PartiesAsync(interview, cancellationToken);
        var email = seekerUser is null ? null : (await users.FindByNameAsync(seekerUser))?.Email;
        var calendarEvent = new CalendarEvent
        {
            Uid = interview.Uid,
            Sequence = interview.Sequence,
            DtStamp = new CalDateTime(interview.CreatedAt.UtcDateTime),
            DtStart = new CalDateTime(interview.StartsAt.UtcDateTime),
            DtEnd = new CalDateTime(interview.EndsAt.UtcDateTime),
            Summary = $"面试 Interview: {title} · {employer}",
            Description = $"第 {interview.Round} 轮面试（线上）。Online interview, round {interview.Round}. {interview.Link}",
            Location = interview.Link,
            Url = new Uri(interview.Link),
            Status = interview.Status == InterviewStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
        };
        var calendar = new Calendar { ProductId = "-//Wenjiu//Recruitment//ZH", Method = "PUBLISH" };
        if (email is { Length: > 0 })
        {
            calendar.Method = interview.Status == InterviewStatus.Cancelled ? "CANCEL" : "REQUEST";
            calendarEvent.Organizer = new Organizer("mailto:" + smtp.Value.From) { CommonName = employer };
            calendarEvent.Attendees.Add(new Attendee("mailto:" + email) { Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION", Rsvp = true });
        }

        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private async Task<(string Title, string Employer, string? SeekerUser)> PartiesAsync(Interview interview, CancellationToken cancellationToken)
    {
        var row = await (from a in db.Applications
                         join p in db.Postings on a.PostingId equals p.Id
                         join s in db.Seekers on a.SeekerId equals s.Id
                         where a.Id == interview.ApplicationId
                         select new { p.TitleZh, p.EmployerName, s.UserName }).FirstAsync(cancellationToken);
        return (row.TitleZh, row.EmployerName, row.UserName);
    }
}
