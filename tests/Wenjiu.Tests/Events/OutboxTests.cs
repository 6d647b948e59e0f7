using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Events;

/// <summary>Issue 8 §4 (ADR 0009): events through an outbox, delivered at least once, handled once per handler.</summary>
public sealed class OutboxTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_event_written_with_a_change_that_rolls_back_is_never_delivered(DatabaseProvider provider)
    {
        await using var database = await WenjiuFactory.CreateAsync(provider);
        await using var factory = database.WithParcels();

        await factory.PublishAsync("rolled back", commit: false);
        var claimed = await factory.DispatchAsync();

        Assert.Equal(0, claimed);
        Assert.Empty(factory.Ledger().Handled);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_committed_changes_event_is_delivered_to_its_handler_and_marked_delivered(DatabaseProvider provider)
    {
        await using var database = await WenjiuFactory.CreateAsync(provider);
        await using var factory = database.WithParcels();

        var id = await factory.PublishAsync("committed");
        await factory.DispatchAsync();

        Assert.Equal((id, "committed", 1), Assert.Single(factory.Ledger().Handled));
        var message = await factory.MessageAsync(id);
        Assert.NotNull(message.DeliveredAt);
        Assert.Null(message.LastError);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_handler_that_fails_is_retried_after_its_back_off_and_then_succeeds(DatabaseProvider provider)
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
        await using var database = await WenjiuFactory.CreateAsync(provider);
        await using var factory = database.WithParcels(clock);
        factory.Ledger().FailNext(1);

        var id = await factory.PublishAsync("retried");
        await factory.DispatchAsync();
        var failed = await factory.MessageAsync(id);
        await factory.DispatchAsync(); // still backing off: not due yet
        var handledTooEarly = factory.Ledger().Handled.Count;
        clock.Now += TimeSpan.FromSeconds(11); // the first back-off is 10 s
        await factory.DispatchAsync();

        Assert.Null(failed.DeliveredAt);
        Assert.Contains("the parcel service is down", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(clock.Now - TimeSpan.FromSeconds(1), failed.NextAttemptAt);
        Assert.Equal(0, handledTooEarly);
        Assert.Equal((id, "retried", 2), Assert.Single(factory.Ledger().Handled));
        Assert.NotNull((await factory.MessageAsync(id)).DeliveredAt);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_message_delivered_twice_is_handled_once(DatabaseProvider provider)
    {
        await using var database = await WenjiuFactory.CreateAsync(provider);
        await using var factory = database.WithParcels();
        var id = await factory.PublishAsync("once");
        await factory.DispatchAsync();

        // As after a dispatcher that died before it marked the message delivered: due again.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null)
                .SetProperty(m => m.NextAttemptAt, DateTimeOffset.UnixEpoch));
        }

        var claimedAgain = await factory.DispatchAsync();

        Assert.Equal(1, claimedAgain);
        Assert.Single(factory.Ledger().Handled);
        Assert.NotNull((await factory.MessageAsync(id)).DeliveredAt);
    }

    /// <summary>PostgreSQL only: it is the provider for more than one node; SQLite is the single-node embedded default.</summary>
    [Fact]
    public async Task Two_dispatchers_on_one_database_never_deliver_a_message_twice_to_the_same_handler()
    {
        var connectionString = await TestDatabase.CreateAsync();
        // One message per claim and four dispatch loops per node: the claims contend for the same rows all the time.
        await using var first = new WenjiuFactory(connectionString).WithParcels(batchSize: 1);
        await using var second = new WenjiuFactory(connectionString).WithParcels(batchSize: 1);
        await first.DispatchAsync(); // both hosts started before the race
        await second.DispatchAsync();
        var published = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            published.Add(await first.PublishAsync($"parcel {i}"));
        }

        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { Task.Run(first.DispatchAsync), Task.Run(second.DispatchAsync) }));

        var handled = first.Ledger().Handled.Concat(second.Ledger().Handled).Select(h => h.MessageId).ToList();
        Assert.Equal(published.Order(), handled.Order());
        Assert.NotEmpty(first.Ledger().Handled);
        Assert.NotEmpty(second.Ledger().Handled);
    }
}
