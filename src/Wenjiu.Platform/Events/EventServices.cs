using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wenjiu.Platform.Events;

/// <summary>A handler of one event type, as the dispatcher calls it: by the event's stored name, with the JSON payload.</summary>
public sealed record EventHandlerRegistration(
    string EventType, string Handler, Func<IServiceProvider, string, EventDelivery, CancellationToken, Task> Handle);

/// <summary>How the dispatcher claims, retries and backs off. Bound from the <c>Events</c> configuration section.</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>Whether this node runs a dispatcher (every web node does by default; any number may, ADR 0009).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>How long an idle dispatcher waits before it looks for due messages again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages claimed at once.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed message is left to its dispatcher: if the node dies, the message is due again after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after a first failure; it doubles with each further failure up to <see cref="LongestRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan LongestRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failed ones.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = FirstRetryDelay.TotalSeconds * factor;
        return TimeSpan.FromSeconds(Math.Min(delay, LongestRetryDelay.TotalSeconds));
    }
}

/// <summary>The events part of the platform: the dispatcher, and how a module subscribes (explicitly, in its <c>AddX()</c>).</summary>
public static class EventServices
{
    internal static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventOptions>(configuration.GetSection(EventOptions.Section));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatcherService>();
        return services;
    }

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>: every message of the type is given to
    /// it at least once, in a scope of its own. The handler's stored name is its type's full name: renaming the type makes
    /// it a new handler (which would handle undelivered messages again), so rename handlers only with the outbox empty.
    /// </summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        var name = typeof(THandler).FullName ?? typeof(THandler).Name;
        services.AddSingleton(new EventHandlerRegistration(
            TEvent.EventType,
            name.Length > 200 ? name[..200] : name,
            (provider, payload, delivery, cancellationToken) =>
                provider.GetRequiredService<THandler>().HandleAsync(EventJson.Deserialize<TEvent>(payload), delivery, cancellationToken)));
        return services;
    }

    /// <summary>The outbox and the record of handled events in the platform's model (the platform's migrations own them).</summary>
    internal static void ConfigureEvents(this ModelBuilder builder)
    {
        builder.Entity<OutboxMessage>(m =>
        {
            m.ToTable(Outbox.Table);
            Outbox.Configure(m);
            // The dispatcher's claim reads only what is still to deliver.
            m.HasIndex(x => x.NextAttemptAt).HasFilter("delivered_at IS NULL");
        });
        builder.Entity<HandledEvent>(h =>
        {
            h.ToTable(Outbox.HandledTable);
            h.HasKey(x => new { x.Handler, x.MessageId });
            h.Property(x => x.Handler).HasMaxLength(200);
        });
    }
}
