using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Contracts;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Relief;

/// <summary>Issue 8 §4: Wenjiu.Relief.Contracts, deferrals as an input another module writes, and the relief events.</summary>
public sealed class ReliefContractTests
{
    /// <summary>The tests call the dispatcher themselves: no background one delivers behind their back.</summary>
    private static readonly Dictionary<string, string?> NoBackgroundDispatch = new() { ["Events:Dispatch"] = "false" };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_deferral_input_records_an_approved_deferral_through_the_relief_rules_and_reports_errors_per_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, NoBackgroundDispatch);
        var registry = await ArrangeAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var input = scope.ServiceProvider.GetRequiredService<IDeferralInput>();

        var refused = await input.RecordAsync(new ApprovedDeferral(Wenjiu.Tests.Registry.ImportFiles.UnknownEmployer, new YearMonth(2020, 2), new YearMonth(2020, 3), ""), "review");
        var recorded = await input.RecordAsync(new ApprovedDeferral(registry.B, new YearMonth(2020, 2), new YearMonth(2020, 3), "京人社缓〔2020〕7号"), "review");
        var overlapping = await input.RecordAsync(new ApprovedDeferral(registry.B, new YearMonth(2020, 3), new YearMonth(2020, 4), "京人社缓〔2020〕8号"), "review");

        Assert.False(refused.Recorded);
        Assert.Equal(["Reference", "Uscc"], refused.Errors.Keys.Order());
        Assert.True(recorded.Recorded);
        Assert.Equal("FirstMonth", Assert.Single(overlapping.Errors).Key);
        var events = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == DeferralRecorded.EventType).ToListAsync();
        var published = EventJson.Deserialize<DeferralRecorded>(Assert.Single(events).Payload);
        Assert.Equal((recorded.DeferralId!.Value, registry.B, new YearMonth(2020, 2), "review"), (published.DeferralId, published.Uscc, published.FirstMonth, published.RecordedBy));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_recorded_deferral_tells_the_employers_own_users_in_their_inbox_once(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, NoBackgroundDispatch);
        var registry = await ArrangeAsync(factory);
        var ownUser = await SignIn.CreateUserAsync(factory, Roles.Enterprise, registry.B);
        var otherUser = await SignIn.CreateUserAsync(factory, Roles.Enterprise, registry.A);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IDeferralInput>()
                .RecordAsync(new ApprovedDeferral(registry.B, new YearMonth(2020, 2), new YearMonth(2020, 3), "京人社缓〔2020〕7号"), "review");
        }

        var dispatcher = factory.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchAllDueAsync();
        await factory.ExecuteSqlAsync($"UPDATE {factory.Table("platform", "outbox_messages")} SET delivered_at = NULL, next_attempt_at = '2000-01-01 00:00:00+00'");
        await factory.ExecuteSqlAsync($"DELETE FROM {factory.Table("platform", "handled_events")}"); // as if the handler's record was lost
        await dispatcher.DispatchAllDueAsync();

        await using var check = factory.Services.CreateAsyncScope();
        var notifications = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().Notifications.AsNoTracking().ToListAsync();
        var told = Assert.Single(notifications);
        Assert.Equal((ownUser.Id, "relief.deferral_recorded"), (told.UserId, told.Kind));
        Assert.DoesNotContain(notifications, n => n.UserId == otherUser.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_finished_assessment_is_published_and_tells_the_person_who_started_it(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, NoBackgroundDispatch);
        await ArrangeAsync(factory);
        var starter = await SignIn.CreateUserAsync(factory, Roles.PolicyOfficer, userName: "tester"); // AssessAsync starts as "tester"

        var outcome = await AssessAsync(factory, February);
        await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchAllDueAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == AssessmentCompleted.EventType);
        var completed = EventJson.Deserialize<AssessmentCompleted>(message.Payload);
        Assert.Equal((outcome.RunId, February, "tester"), (completed.RunId, completed.Month, completed.StartedBy));
        Assert.NotNull(message.DeliveredAt);
        var told = await db.Notifications.AsNoTracking().SingleAsync();
        Assert.Equal((starter.Id, "relief.assessment_completed"), (told.UserId, told.Kind));
    }
}
