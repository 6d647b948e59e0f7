using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Wenjiu.Platform.Events;

/// <summary>
/// Publishing: a module adds its event to its own DbContext, beside its change, and one <c>SaveChanges</c> (or its
/// explicit transaction) writes both or neither. Every module's DbContext maps the platform's outbox table with
/// <see cref="MapOutbox"/>; the platform's migrations own the table (ADR 0009).
/// </summary>
public static class Outbox
{
    public const string Table = "outbox_messages";
    public const string HandledTable = "handled_events";

    /// <summary>Adds <paramref name="message"/> to the outbox; it is written with the context's next save, in its transaction.</summary>
    public static OutboxMessage Publish<TEvent>(this DbContext db, TEvent message, DateTimeOffset occurredAt)
        where TEvent : IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = new OutboxMessage
        {
            Type = TEvent.EventType,
            Payload = EventJson.Serialize(message),
            OccurredAt = occurredAt,
            NextAttemptAt = occurredAt,
        };
        db.Set<OutboxMessage>().Add(row);
        return row;
    }

    /// <summary>
    /// Maps the platform's outbox table into a module's DbContext, so that the module writes its events in its own
    /// transaction; excluded from the module's migrations. Call it after <c>PlaceTablesInModule</c> (which would move
    /// the table into the module) and before <c>StoreTimesAsSortableTextOnSqlite</c> (which it needs on SQLite).
    /// </summary>
    public static void MapOutbox(this ModelBuilder modelBuilder, bool isSqlite)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            if (isSqlite)
            {
                message.ToTable($"{PlatformDbContext.Module}_{Table}", t => t.ExcludeFromMigrations());
            }
            else
            {
                message.ToTable(Table, PlatformDbContext.Module, t => t.ExcludeFromMigrations());
            }

            Configure(message);
        });
    }

    /// <summary>The columns as the platform's migrations create them (the platform's own model adds the index).</summary>
    internal static void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.HasKey(m => m.Id);
        message.Property(m => m.Type).HasMaxLength(100);
        message.Property(m => m.LastError).HasMaxLength(2000);
    }

    /// <summary>The outbox's qualified name for hand-written SQL (the registry import writes events set-based).</summary>
    public static string QualifiedTable(bool isSqlite) => Database.ModuleDatabase.QualifiedTable(PlatformDbContext.Module, Table, isSqlite);
}
