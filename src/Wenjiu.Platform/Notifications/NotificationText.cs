using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Wenjiu.Platform.Notifications;

public sealed record RenderedNotification(string Subject, string Body);

/// <summary>Fills a notification's templates (its kind's resources) in one language: the page's, or the user's for e-mail.</summary>
public sealed class NotificationText(IEnumerable<NotificationKind> kinds, IStringLocalizerFactory localizers)
{
    private readonly Dictionary<string, NotificationKind> byName = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Every kind, in the order the preferences page lists them.</summary>
    public IReadOnlyList<NotificationKind> Kinds => [.. byName.Values.OrderBy(k => k.Order).ThenBy(k => k.Name, StringComparer.Ordinal)];

    /// <summary>The user's stored culture, or zh-CN (the default) when none or an unknown one is stored.</summary>
    public static CultureInfo Language(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? new CultureInfo("en") : new CultureInfo("zh-CN");

    public RenderedNotification Render(Notification notification, CultureInfo language)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var arguments = JsonSerializer.Deserialize<string[]>(notification.Arguments) ?? [];
        if (!byName.TryGetValue(notification.Kind, out var kind))
        {
            // A kind no module registers any more: show what is known rather than nothing.
            return new RenderedNotification(notification.Kind, string.Join(" · ", arguments));
        }

        return In(language, () =>
        {
            var text = localizers.Create(kind.Resource);
            return new RenderedNotification(text[$"{kind.Key}.Subject", arguments.Cast<object>().ToArray()], text[$"{kind.Key}.Body", arguments.Cast<object>().ToArray()]);
        });
    }

    public string Name(NotificationKind kind, CultureInfo language)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return In(language, () => localizers.Create(kind.Resource)[$"{kind.Key}.Name"].Value);
    }

    /// <summary>Resources are read in the current UI culture; for an e-mail that is the recipient's, not the request's.</summary>
    private static T In<T>(CultureInfo language, Func<T> read)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = language;
            CultureInfo.CurrentCulture = language;
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = formats;
        }
    }
}
