namespace Wenjiu.Platform.Notifications;

/// <summary>
/// One message to one user in the in-app inbox (<c>platform.notifications</c>). The text is not stored: the kind's
/// templates (zh-CN and English resources) are filled with <see cref="Arguments"/> when it is shown or mailed, in the
/// reader's language.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>The kind's name, e.g. <c>relief.deferral_recorded</c> (<see cref="NotificationKind"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The template's arguments, a JSON array of strings.</summary>
    public string Arguments { get; set; } = "[]";

    /// <summary>A path in the site the notification is about (e.g. <c>/Relief/Statements/…</c>), or null.</summary>
    public string? Link { get; set; }

    /// <summary>
    /// Unique per user: what made it (e.g. the handler and outbox message), so that a redelivered event does not
    /// notify twice.
    /// </summary>
    public string DeduplicationKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When the SMTP server accepted its e-mail; null when none was sent (yet).</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}

/// <summary>A user's choice for one kind of notification: e-mail on or off (the inbox always gets it). No row: on.</summary>
public sealed class NotificationPreference
{
    public string UserId { get; set; } = "";

    public string Kind { get; set; } = "";

    public bool Email { get; set; }
}
