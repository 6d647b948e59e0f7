using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Events;

namespace Wenjiu.Platform.Notifications;

/// <summary>
/// Writes notifications to the inbox and, for each one that is to be mailed, an outbox message
/// (<see cref="NotificationMailRequested"/>) in the same transaction: the e-mail is sent by the dispatcher, retried
/// until the SMTP server accepts it, and never twice (ADR 0010).
/// </summary>
internal sealed class NotificationService(PlatformDbContext db, IOptions<SmtpOptions> smtp, IOptions<WenjiuOptions> wenjiu, TimeProvider clock)
    : INotifications
{
    public const int MaxDeduplicationKey = 200;

    public async Task<int> NotifyAsync(NotificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var users = await RecipientsAsync(request.Recipients, cancellationToken);
        if (users.Count == 0)
        {
            return 0;
        }

        var key = request.DeduplicationKey.Length > MaxDeduplicationKey ? request.DeduplicationKey[..MaxDeduplicationKey] : request.DeduplicationKey;
        var ids = users.Select(u => u.Id).ToList();
        var already = await db.Notifications.Where(n => ids.Contains(n.UserId) && n.DeduplicationKey == key).Select(n => n.UserId).ToListAsync(cancellationToken);
        var emailOff = await db.NotificationPreferences.Where(p => ids.Contains(p.UserId) && p.Kind == request.Kind && !p.Email).Select(p => p.UserId).ToListAsync(cancellationToken);
        var mail = SmtpOptions.Sends(smtp.Value, wenjiu.Value);
        var now = clock.GetUtcNow();
        var arguments = JsonSerializer.Serialize(request.Arguments);

        var made = new List<(Notification Notification, bool Mail)>();
        foreach (var user in users.Where(u => !already.Contains(u.Id)))
        {
            var notification = new Notification
            {
                UserId = user.Id,
                Kind = request.Kind,
                Arguments = arguments,
                Link = request.Link,
                DeduplicationKey = key,
                CreatedAt = now,
            };
            db.Notifications.Add(notification);
            made.Add((notification, mail && !string.IsNullOrWhiteSpace(user.Email) && !emailOff.Contains(user.Id)));
        }

        if (made.Count == 0)
        {
            return 0;
        }

        // The rows first, for their ids; the mail requests in the same transaction, so neither is without the other.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (notification, _) in made.Where(m => m.Mail))
        {
            db.Publish(new NotificationMailRequested(notification.Id), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return made.Count;
    }

    private async Task<List<Recipient>> RecipientsAsync(Recipients recipients, CancellationToken cancellationToken)
    {
        var active = db.Users.AsNoTracking().Where(u => u.DisabledAt == null);
        if (recipients.EmployerUscc is { } uscc)
        {
            active = active.Where(u => u.EmployerUscc == uscc);
        }
        else if (recipients.UserName is { } name)
        {
            var normalized = name.ToUpperInvariant();
            active = active.Where(u => u.NormalizedUserName == normalized);
        }
        else
        {
            var ids = recipients.UserIds.ToList();
            active = active.Where(u => ids.Contains(u.Id));
        }

        return await active.Select(u => new Recipient(u.Id, u.Email)).ToListAsync(cancellationToken);
    }

    private sealed record Recipient(string Id, string? Email);
}
