using System.Globalization;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Notifications;
using Wenjiu.Relief.Contracts;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>Tells the person who started an assessment that it finished (a city month runs for minutes).</summary>
internal sealed class TellWhoStartedAssessment(INotifications notifications) : IEventHandler<AssessmentCompleted>
{
    public const string Kind = "relief.assessment_completed";

    public Task HandleAsync(AssessmentCompleted message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        return notifications.NotifyAsync(
            new NotificationRequest(
                Recipients.UserNamed(message.StartedBy),
                Kind,
                [
                    message.Month.ToString(),
                    message.Version.ToString(CultureInfo.InvariantCulture),
                    message.Employers.ToString(CultureInfo.InvariantCulture),
                    message.EmployerRelief.ToString("F2", CultureInfo.InvariantCulture),
                ],
                $"/Relief/Assessments/Run/{message.RunId}",
                delivery.KeyFor(Kind)),
            cancellationToken);
    }
}
