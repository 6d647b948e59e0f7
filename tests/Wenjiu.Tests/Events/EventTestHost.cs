using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wenjiu.Platform;
using Wenjiu.Platform.Events;

namespace Wenjiu.Tests.Events;

/// <summary>An event only the tests publish.</summary>
internal sealed record ParcelSent(string Label) : IDomainEvent
{
    public static string EventType => "tests.parcel_sent";
}

/// <summary>What the test handler saw, and how many of its next calls are to fail.</summary>
internal sealed class ParcelLedger
{
    private int failuresLeft;

    public ConcurrentQueue<(long MessageId, string Label, int Attempt)> Handled { get; } = new();

    public void FailNext(int times) => Interlocked.Exchange(ref failuresLeft, times);

    public bool ShouldFail() => Interlocked.Decrement(ref failuresLeft) >= 0;
}

internal sealed class ParcelHandler(ParcelLedger ledger) : IEventHandler<ParcelSent>
{
    public async Task HandleAsync(ParcelSent message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        if (ledger.ShouldFail())
        {
            throw new InvalidOperationException("the parcel service is down");
        }

        // Long enough for two dispatchers to overlap on the same batch if the claim let them.
        await Task.Delay(5, cancellationToken);
        ledger.Handled.Enqueue((delivery.MessageId, message.Label, delivery.Attempt));
    }
}

/// <summary>A clock the test moves by hand (the dispatcher's back-off reads it).</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class EventTestHost
{
    /// <summary>
    /// The host with the test handler subscribed and no background dispatcher (<c>Events:Dispatch</c> false): the test
    /// calls the dispatcher itself, so it decides when delivery happens.
    /// </summary>
    public static WebApplicationFactory<Program> WithParcels(this WebApplicationFactory<Program> factory, SettableClock? clock = null, int batchSize = 50) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Events:Dispatch", "false");
            builder.UseSetting("Events:BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<ParcelLedger>();
                services.AddEventHandler<ParcelSent, ParcelHandler>();
                if (clock is not null)
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton<TimeProvider>(clock);
                }
            });
        });

    public static async Task<long> PublishAsync(this WebApplicationFactory<Program> factory, string label, bool commit = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var message = db.Publish(new ParcelSent(label), clock.GetUtcNow());
        await db.SaveChangesAsync();
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        return message.Id;
    }

    public static Task<int> DispatchAsync(this WebApplicationFactory<Program> factory) =>
        factory.Services.GetRequiredService<OutboxDispatcher>().DispatchAllDueAsync();

    public static ParcelLedger Ledger(this WebApplicationFactory<Program> factory) => factory.Services.GetRequiredService<ParcelLedger>();

    public static async Task<OutboxMessage> MessageAsync(this WebApplicationFactory<Program> factory, long id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
