using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Events;

namespace Wenjiu.Platform.Notifications;

internal static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddScoped<INotifications, NotificationService>();
        services.AddScoped<NotificationInbox>();
        services.AddSingleton<NotificationText>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<ISmsSender, LoggedSmsSender>();
        services.AddEventHandler<NotificationMailRequested, NotificationMailer>();
        return services;
    }

    /// <summary>The inbox's and the preferences' tables in the platform's model.</summary>
    public static void ConfigureNotifications(this ModelBuilder builder)
    {
        builder.Entity<Notification>(n =>
        {
            n.ToTable("notifications");
            n.Property(x => x.UserId).HasMaxLength(450);
            n.Property(x => x.Kind).HasMaxLength(100);
            n.Property(x => x.Link).HasMaxLength(300);
            n.Property(x => x.DeduplicationKey).HasMaxLength(NotificationService.MaxDeduplicationKey);
            n.HasIndex(x => new { x.UserId, x.DeduplicationKey }).IsUnique();
            // The inbox (newest first) and the header's unread count read by user.
            n.HasIndex(x => new { x.UserId, x.Id });
        });
        builder.Entity<NotificationPreference>(p =>
        {
            p.ToTable("notification_preferences");
            p.HasKey(x => new { x.UserId, x.Kind });
            p.Property(x => x.UserId).HasMaxLength(450);
            p.Property(x => x.Kind).HasMaxLength(100);
        });
    }
}
