namespace Wenjiu.Platform.Events;

/// <summary>
/// An event waiting to be delivered (<c>platform.outbox_messages</c>), written by the publishing module in the same
/// transaction as its change. <see cref="NextAttemptAt"/> is both the back-off after a failure and the lease of a
/// dispatcher that claimed it: a node that dies while delivering leaves the message due again when the lease ends.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The event's stored name (<see cref="IDomainEvent.EventType"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>The event as JSON (snake_case members, months as <c>yyyy-MM</c>).</summary>
    public string Payload { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>How many times a dispatcher claimed it.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When every handler had handled it; null while some handler still has to.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// That a handler handled a message (<c>platform.handled_events</c>): a redelivery (a lease that ran out, one handler
/// of several that failed) skips the handlers recorded here.
/// </summary>
public sealed class HandledEvent
{
    /// <summary>The handler's stored name (its type's full name).</summary>
    public string Handler { get; set; } = "";

    public long MessageId { get; set; }

    public DateTimeOffset HandledAt { get; set; }
}
