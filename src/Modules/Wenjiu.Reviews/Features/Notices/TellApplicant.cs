using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Notifications;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Data;

namespace Wenjiu.Reviews.Features.Notices;

/// <summary>
/// Tells the applicant's users (inbox and e-mail, ADR 0010) of a decision and of a question asked of them, whatever the
/// request's kind: the task's titles name it in both languages. A redelivered event notifies no one twice (the delivery's key).
/// </summary>
internal sealed class TellApplicant(ReviewsDbContext db, INotifications notifications) : IEventHandler<ReviewDecided>, IEventHandler<InformationRequested>
{
    public const string ApprovedKind = "reviews.approved";
    public const string RefusedKind = "reviews.refused";
    public const string QuestionKind = "reviews.information_requested";

    public async Task HandleAsync(ReviewDecided message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        if (message.Uscc is not { } uscc || await TitlesAsync(message.TaskId, cancellationToken) is not { } titles)
        {
            return;
        }

        var kind = message.Outcome == ReviewOutcome.Approved ? ApprovedKind : RefusedKind;
        await notifications.NotifyAsync(
            new NotificationRequest(Recipients.OfEmployer(uscc), kind, [titles.Zh, titles.En], $"/Reviews/Mine/Requests/{message.TaskId}", delivery.KeyFor(kind)),
            cancellationToken);
    }

    public async Task HandleAsync(InformationRequested message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        if (message.Uscc is not { } uscc || await TitlesAsync(message.TaskId, cancellationToken) is not { } titles)
        {
            return;
        }

        await notifications.NotifyAsync(
            new NotificationRequest(Recipients.OfEmployer(uscc), QuestionKind, [titles.Zh, titles.En, message.Question], $"/Reviews/Mine/Requests/{message.TaskId}", delivery.KeyFor(QuestionKind)),
            cancellationToken);
    }

    private async Task<(string Zh, string En)?> TitlesAsync(long taskId, CancellationToken cancellationToken) =>
        await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new { t.TitleZh, t.TitleEn }).FirstOrDefaultAsync(cancellationToken) is { } t ? (t.TitleZh, t.TitleEn) : null;
}
