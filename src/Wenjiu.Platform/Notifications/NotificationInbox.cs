using Microsoft.EntityFrameworkCore;

namespace Wenjiu.Platform.Notifications;

/// <summary>One page of a user's inbox, newest first.</summary>
public sealed record InboxPage(IReadOnlyList<Notification> Items, int Page, int Pages, int Unread);

/// <summary>
/// A user's own inbox and e-mail preferences. Every query is by the user's id: no one reads another's notification
/// (the pages answer 404, not 403, so that a notification's existence is not told either).
/// </summary>
public sealed class NotificationInbox(PlatformDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<InboxPage> PageAsync(string userId, int page, CancellationToken cancellationToken = default)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var count = await mine.CountAsync(cancellationToken);
        var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        // A page past the last shows the last (as the other lists do).
        var shown = Math.Clamp(page, 1, pages);
        var items = await mine.OrderByDescending(n => n.Id).Skip((shown - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new InboxPage(items, shown, pages, await UnreadCountAsync(userId, cancellationToken));
    }

    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    /// <summary>The user's own notification, marked read as it is opened; null when there is none of that id for this user.</summary>
    public async Task<Notification?> OpenAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is { ReadAt: null })
        {
            notification.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return notification;
    }

    public async Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>The kinds whose e-mail the user turned off (the rest are on).</summary>
    public async Task<IReadOnlySet<string>> EmailOffAsync(string userId, CancellationToken cancellationToken = default) =>
        (await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId && !p.Email).Select(p => p.Kind).ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Stores the user's choice for each of <paramref name="kinds"/>: e-mail on for those in <paramref name="emailOn"/>.</summary>
    public async Task SavePreferencesAsync(string userId, IEnumerable<string> kinds, IReadOnlySet<string> emailOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(emailOn);
        var stored = await db.NotificationPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, StringComparer.Ordinal, cancellationToken);
        foreach (var kind in kinds)
        {
            var on = emailOn.Contains(kind);
            if (stored.TryGetValue(kind, out var preference))
            {
                preference.Email = on;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Email = on });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
