using Microsoft.Extensions.DependencyInjection;

namespace Wenjiu.Platform.Notifications;

/// <summary>
/// A kind of notification a module sends, with its templates: in the module's resources (zh-CN and English),
/// <c>{Key}.Name</c> names the kind on the preferences page, <c>{Key}.Subject</c> and <c>{Key}.Body</c> are the
/// subject and text, with <c>{0}</c>, <c>{1}</c>… for the notification's arguments.
/// </summary>
public sealed record NotificationKind(string Name, Type Resource, string Key, int Order);

public static class NotificationKinds
{
    /// <summary>Registers kinds of notification a module sends (its one touch point, <c>AddX()</c>).</summary>
    public static IServiceCollection AddNotificationKinds(this IServiceCollection services, params NotificationKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var kind in kinds)
        {
            services.AddSingleton(kind);
        }

        return services;
    }
}

/// <summary>Who is to be told: users by id, a user by name (e.g. who started a run), or every active user of an employer.</summary>
public sealed record Recipients(IReadOnlyList<string> UserIds, string? UserName, string? EmployerUscc)
{
    public static Recipients Users(params string[] userIds) => new(userIds, null, null);

    public static Recipients UserNamed(string userName) => new([], userName, null);

    /// <summary>Every user who acts for the employer and is not disabled.</summary>
    public static Recipients OfEmployer(string uscc) => new([], null, uscc);
}

/// <summary>
/// What a module asks for: tell <paramref name="Recipients"/> about something, in the inbox and, where they want it
/// and mail is configured, by e-mail. <paramref name="DeduplicationKey"/> makes the request idempotent per user: an
/// event handler passes <c>delivery.KeyFor(name)</c>, so a redelivered event does not notify twice.
/// </summary>
public sealed record NotificationRequest(Recipients Recipients, string Kind, IReadOnlyList<string> Arguments, string? Link, string DeduplicationKey);

/// <summary>The platform's notifications, as modules use them.</summary>
public interface INotifications
{
    /// <summary>Notifies the recipients; how many new notifications were made (0 for a repeated request).</summary>
    Task<int> NotifyAsync(NotificationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Text messages: no provider is reachable from here, so the one sender writes them to the log (ADR 0010).</summary>
public interface ISmsSender
{
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken = default);
}
