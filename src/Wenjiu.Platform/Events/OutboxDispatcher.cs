using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Database;

namespace Wenjiu.Platform.Events;

/// <summary>
/// Delivers the outbox: claims due messages, gives each to every handler of its type that has not handled it yet, and
/// marks it delivered, or due again after a back-off when a handler failed. Claiming is one statement that moves the
/// messages' next attempt a lease ahead; on PostgreSQL it skips rows another node is claiming (<c>FOR UPDATE SKIP
/// LOCKED</c>), so any number of nodes dispatch together and none claims a message another holds. SQLite, the
/// single-node embedded default, serialises writers, so the same statement is safe there without it.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<EventHandlerRegistration> registrations,
    IOptions<EventOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private readonly ILookup<string, EventHandlerRegistration> handlers = registrations.ToLookup(r => r.EventType, StringComparer.Ordinal);

    /// <summary>Claims one batch of due messages and delivers them; how many it claimed (0: nothing was due).</summary>
    public Task<int> DispatchDueAsync(CancellationToken cancellationToken = default) => DispatchDueAsync(null, cancellationToken);

    /// <summary>
    /// The same for messages of one event type only (<c>IDomainEvent.EventType</c>): for seeding that must see its own
    /// events handled before it goes on (the demo's approvals becoming payments) without delivering everything else first.
    /// </summary>
    public async Task<int> DispatchDueAsync(string? type, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        IReadOnlyList<ClaimedMessage> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await ClaimAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), settings, type, cancellationToken);
        }

        foreach (var message in claimed)
        {
            var error = await DeliverAsync(message, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var now = clock.GetUtcNow();
            if (error is null)
            {
                await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.DeliveredAt, now).SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            }
            else
            {
                var next = now + settings.RetryDelay(message.Attempt);
                var stored = error.Length > 2000 ? error[..2000] : error;
                await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, stored), CancellationToken.None);
            }
        }

        return claimed.Count;
    }

    /// <summary>Delivers every batch that is due now, until none is left; how many messages in all.</summary>
    public Task<int> DispatchAllDueAsync(CancellationToken cancellationToken = default) => DispatchAllDueAsync(null, cancellationToken);

    /// <summary>Delivers every batch of <paramref name="type"/> (null: any type) that is due now, until none is left; how many messages in all.</summary>
    public async Task<int> DispatchAllDueAsync(string? type, CancellationToken cancellationToken = default)
    {
        var total = 0;
        int count;
        while ((count = await DispatchDueAsync(type, cancellationToken)) > 0)
        {
            total += count;
        }

        return total;
    }

    /// <summary>Gives the message to each of its handlers not yet recorded as having handled it; the first error, if any.</summary>
    private async Task<string?> DeliverAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        string? firstError = null;
        var delivery = new EventDelivery(message.Id, message.OccurredAt, message.Attempt);
        foreach (var handler in handlers[message.Type])
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                if (await db.Set<HandledEvent>().AnyAsync(h => h.Handler == handler.Handler && h.MessageId == message.Id, cancellationToken))
                {
                    continue;
                }

                await handler.Handle(scope.ServiceProvider, message.Payload, delivery, cancellationToken);
                db.Set<HandledEvent>().Add(new HandledEvent { Handler = handler.Handler, MessageId = message.Id, HandledAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Handler {Handler} failed on outbox message {MessageId} ({Type}), attempt {Attempt}", handler.Handler, message.Id, message.Type, message.Attempt);
                firstError ??= $"{handler.Handler}: {e.GetType().Name}: {e.Message}";
            }
        }

        return firstError;
    }

    private async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(PlatformDbContext db, EventOptions settings, string? type, CancellationToken cancellationToken)
    {
        var sqlite = db.Database.IsSqlite();
        var table = Outbox.QualifiedTable(sqlite);
        var now = clock.GetUtcNow();
        var skipLocked = sqlite ? "" : " FOR UPDATE SKIP LOCKED";
        var ofType = type is null ? "" : " AND type = @type";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText =
                $"""
                UPDATE {table} SET attempts = attempts + 1, next_attempt_at = @lease
                WHERE id IN (SELECT id FROM {table} WHERE delivered_at IS NULL AND next_attempt_at <= @now{ofType} ORDER BY id LIMIT @batch{skipLocked})
                RETURNING id, type, payload, occurred_at, attempts
                """;
            Add(command, "@lease", Time(now + settings.Lease, sqlite));
            Add(command, "@now", Time(now, sqlite));
            Add(command, "@batch", settings.BatchSize);
            if (type is not null)
            {
                Add(command, "@type", type);
            }
            var claimed = new List<ClaimedMessage>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedMessage(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    sqlite ? SortableUtcText.Read(reader.GetString(3)) : reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetInt32(4)));
            }

            return [.. claimed.OrderBy(m => m.Id)];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite keeps times as sortable UTC text (ADR 0002); PostgreSQL as <c>timestamptz</c>.</summary>
    private static object Time(DateTimeOffset value, bool sqlite) => sqlite ? SortableUtcText.Write(value) : value.ToUniversalTime();

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record ClaimedMessage(long Id, string Type, string Payload, DateTimeOffset OccurredAt, int Attempt);
}

/// <summary>Runs the dispatcher on this node while the host runs (unless <c>Events:Dispatch</c> is false).</summary>
internal sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, IOptions<EventOptions> options, TimeProvider clock, ILogger<OutboxDispatcherService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Dispatch)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await dispatcher.DispatchDueAsync(stoppingToken);
                failures = 0;
                if (claimed >= settings.BatchSize)
                {
                    continue; // more may be due at once
                }
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                // The database is away or not migrated yet (a fresh install before `migrate`): try again later. Told
                // once when it starts and then about once a minute, not at every poll.
                if (failures++ % 60 == 0)
                {
                    logger.LogWarning(e, "The outbox dispatcher could not read the outbox ({Failures} attempts in a row)", failures);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
