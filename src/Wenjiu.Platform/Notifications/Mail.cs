using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.PersonalData;

namespace Wenjiu.Platform.Notifications;

/// <summary>Where e-mail goes. Bound from <c>Notifications:Smtp</c>; with no host (the default, and always in demo mode) no e-mail is sent.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c> (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>The sender, e.g. <c>"Wenjiu" &lt;noreply@hrss.example.gov.cn&gt;</c>; its domain also ends every Message-Id.</summary>
    public string From { get; set; } = "noreply@wenjiu.invalid";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The site's public address, to make the links in e-mail absolute (e.g. <c>https://wenjiu.example.gov.cn</c>).</summary>
    public string? SiteAddress { get; set; }

    /// <summary>Whether e-mail is sent at all: a host is configured and the platform is not in demo mode (the inbox alone there).</summary>
    public static bool Sends(SmtpOptions smtp, WenjiuOptions wenjiu)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(wenjiu);
        return !string.IsNullOrWhiteSpace(smtp.Host) && !wenjiu.Demo;
    }
}

/// <summary>Asks for a notification's e-mail to be sent; delivered through the outbox (ADR 0010).</summary>
public sealed record NotificationMailRequested(long NotificationId) : IDomainEvent
{
    public static string EventType => "platform.notification_mail_requested";
}

/// <summary>Hands a message to the SMTP server; throws when the server does not accept it (the outbox retries).</summary>
internal interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

internal sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Notifications:Smtp:Host is not configured."), smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Sends a notification's e-mail, in its user's language. Sent at most once per notification as far as the database can
/// tell: a notification already marked mailed is skipped. The one gap is a crash after the server accepted the message
/// and before the mark is stored; the retry then sends it again with the same Message-Id, by which mail systems and
/// readers recognise the copy (ADR 0010).
/// </summary>
internal sealed class NotificationMailer(
    PlatformDbContext db,
    NotificationText text,
    IMailTransport transport,
    IOptions<SmtpOptions> smtp,
    IOptions<WenjiuOptions> wenjiu,
    TimeProvider clock,
    ILogger<NotificationMailer> logger) : IEventHandler<NotificationMailRequested>
{
    public async Task HandleAsync(NotificationMailRequested message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == message.NotificationId, cancellationToken);
        if (notification is null || notification.EmailedAt is not null || !SmtpOptions.Sends(smtp.Value, wenjiu.Value))
        {
            return;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == notification.UserId, cancellationToken);
        if (user is null || string.IsNullOrWhiteSpace(user.Email) || user.DisabledAt is not null)
        {
            return;
        }

        var language = NotificationText.Language(user.Culture);
        var rendered = text.Render(notification, language);
        var from = MailboxAddress.Parse(smtp.Value.From);
        var mail = new MimeMessage
        {
            Subject = rendered.Subject,
            MessageId = MessageId(notification, from),
            Body = new TextPart("plain") { Text = Body(rendered, notification.Link) },
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(user.DisplayName, user.Email));
        mail.Headers.Add(HeaderId.ContentLanguage, language.Name);
        await transport.SendAsync(mail, cancellationToken);

        notification.EmailedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Notification {NotificationId} ({Kind}) mailed as {MessageId}", notification.Id, notification.Kind, mail.MessageId);
    }

    /// <summary>The same for every attempt at the same notification, so a copy sent twice is known as one message.</summary>
    internal static string MessageId(Notification notification, MailboxAddress from)
    {
        var at = from.Address.LastIndexOf('@');
        var domain = at >= 0 ? from.Address[(at + 1)..] : "wenjiu.invalid";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"notification.{notification.Id}.{notification.UserId}@{domain}");
    }

    private string Body(RenderedNotification rendered, string? link)
    {
        if (link is null)
        {
            return rendered.Body;
        }

        var site = smtp.Value.SiteAddress?.TrimEnd('/') ?? "";
        return $"{rendered.Body}\n\n{site}{link}\n";
    }
}

/// <summary>Writes each text message to the log: no SMS provider is reachable from here (ADR 0010).</summary>
internal sealed class LoggedSmsSender(ILogger<LoggedSmsSender> logger) : ISmsSender
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken = default)
    {
        // Only the last four digits: the log is no place for a whole phone number (personal data, DESIGN.md).
        logger.LogInformation("SMS to {PhoneNumber}: {Text}", Masking.PhoneNumber(phoneNumber), text);
        return Task.CompletedTask;
    }
}
