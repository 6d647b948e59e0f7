using Wenjiu.Platform.Events;
using Wenjiu.Platform.Notifications;
using Wenjiu.Relief.Contracts;

namespace Wenjiu.Relief.Features.Deferrals;

/// <summary>
/// Tells an enterprise's users when a deferral is recorded or revoked for their employer: their payable moves by it. An
/// event handler rather than a call in the deferral's transaction, so that a slow or failing mail server never holds up
/// staff, and a redelivery notifies no one twice (the delivery's key).
/// </summary>
internal sealed class TellEmployerUsers(INotifications notifications) : IEventHandler<DeferralRecorded>, IEventHandler<DeferralRevoked>
{
    public const string RecordedKind = "relief.deferral_recorded";
    public const string RevokedKind = "relief.deferral_revoked";

    public Task HandleAsync(DeferralRecorded message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        return notifications.NotifyAsync(
            new NotificationRequest(
                Recipients.OfEmployer(message.Uscc), RecordedKind, [message.FirstMonth.ToString(), message.LastMonth.ToString(), message.Reference],
                Link(message.Uscc), delivery.KeyFor(RecordedKind)),
            cancellationToken);
    }

    public Task HandleAsync(DeferralRevoked message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        return notifications.NotifyAsync(
            new NotificationRequest(
                Recipients.OfEmployer(message.Uscc), RevokedKind, [message.FirstMonth.ToString(), message.LastMonth.ToString(), message.Reason],
                Link(message.Uscc), delivery.KeyFor(RevokedKind)),
            cancellationToken);
    }

    private static string Link(string uscc) => $"/Relief/Statements/{Uri.EscapeDataString(uscc)}";
}
