namespace Wenjiu.Platform.Events;

/// <summary>
/// Something that happened in a module that other modules may act on, published through the outbox in the same
/// transaction as the change (ADR 0009). Events are records in the publishing module's <c>.Contracts</c> project.
/// </summary>
public interface IDomainEvent
{
    /// <summary>
    /// The event's stored name, e.g. <c>relief.deferral_recorded</c>: what the outbox keeps, so that renaming or moving the
    /// record does not orphan messages already written. Never change it once messages of the type exist.
    /// </summary>
    static abstract string EventType { get; }
}

/// <summary>Which message a handler is given and how many times it was claimed (1 the first time).</summary>
public sealed record EventDelivery(long MessageId, DateTimeOffset OccurredAt, int Attempt)
{
    /// <summary>A key unique to this message and a handler, for handlers that record what they did (idempotency).</summary>
    public string KeyFor(string handler) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{handler}:{MessageId}");
}

/// <summary>
/// Acts on an event, at least once: a handler may be called again for a message it already handled (a crash between
/// its work and the dispatcher recording it), so what it does must be idempotent. Registered explicitly in the
/// subscribing module's <c>AddX()</c> with <see cref="EventServices.AddEventHandler{TEvent, THandler}"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A handler of domain events, not a .NET event delegate: the name the module convention uses (AddEventHandler).")]
public interface IEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent message, EventDelivery delivery, CancellationToken cancellationToken);
}
