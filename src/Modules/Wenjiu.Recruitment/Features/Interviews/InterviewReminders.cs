using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Features.Interviews;

/// <summary>
/// Reminds seekers of their interviews a day before (1–24 hours ahead) and an hour before (RDV Service Public's reminders), each once: the
/// reminder's time is written before the notification is asked for, and the notification's deduplication key makes a
/// re-run harmless. Scheduled every five minutes on one node.
/// </summary>
internal sealed class InterviewReminders(RecruitmentDbContext db, INotifications notifications, TimeProvider clock) : IQueuedJob
{
    public const string Kind = "recruitment.interview-reminders";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken) => $"{{\"reminders\":{await SendAsync(cancellationToken)}}}";

    /// <summary>Sends the reminders due now; how many notifications were made.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sent = 0;
        foreach (var (from, window, hour) in new[] { (TimeSpan.FromHours(1), TimeSpan.FromHours(24), false), (TimeSpan.Zero, TimeSpan.FromHours(1), true) })
        {
            var after = now + from;
            var until = now + window;
            var due = await (from i in db.Interviews
                             join a in db.Applications on i.ApplicationId equals a.Id
                             join p in db.Postings on a.PostingId equals p.Id
                             join s in db.Seekers on a.SeekerId equals s.Id
                             where (i.Status == InterviewStatus.Invited || i.Status == InterviewStatus.Accepted) && i.StartsAt > after && i.StartsAt <= until
                                 && (hour ? i.HourReminderAt == null : i.DayReminderAt == null) && s.UserName != null
                             select new { Interview = i, p.TitleZh, p.EmployerName, s.UserName }).ToListAsync(cancellationToken);
            foreach (var d in due)
            {
                if (hour)
                {
                    d.Interview.HourReminderAt = now;
                }
                else
                {
                    d.Interview.DayReminderAt = now;
                }

                await db.SaveChangesAsync(cancellationToken);
                sent += await notifications.NotifyAsync(
                    new NotificationRequest(
                        Recipients.UserNamed(d.UserName!), ReminderKindOf(), [d.EmployerName, d.TitleZh, BeijingTime.Format(d.Interview.StartsAt), d.Interview.Link],
                        "/Recruitment/Applications", $"interview:{d.Interview.Id}:reminder:{(hour ? "1h" : "24h")}"),
                    cancellationToken);
            }
        }

        return sent;
    }

    private static string ReminderKindOf() => Interviews.ReminderKind;
}
