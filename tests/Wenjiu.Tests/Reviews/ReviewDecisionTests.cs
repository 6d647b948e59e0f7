using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Domain;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Reviews.ReviewData;

namespace Wenjiu.Tests.Reviews;

/// <summary>
/// <see cref="IReviewDecisions"/>: another module has a named staff user decide a request's task through the queue's
/// own rules (four eyes, who may decide, decided once), and the decision goes out through the outbox.
/// </summary>
public sealed class ReviewDecisionTests
{
    private static readonly IReadOnlyDictionary<string, string?> FourEyesAbove1000 = Settings(("Reviews:FourEyesShare", "0"), ("Reviews:FourEyesAbove", "1000"));

    [Fact]
    public async Task An_approval_through_the_contract_above_the_threshold_waits_for_another_staff_user_never_the_first()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, FourEyesAbove1000);
        using var first = await ReviewerAsync(factory);
        using var second = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 5_000m, subject: "40");

        var waiting = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "40", first.UserName, "核对无误"));
        var again = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "40", first.UserName, null));
        var confirmed = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "40", second.UserName, null));

        Assert.Equal(new ReviewDecisionResult(task, ReviewDecisionState.WaitingForSecondReviewer), waiting);
        Assert.Equal(ReviewDecisionState.NotDecided, again.State);
        Assert.NotNull(again.Problem);
        Assert.Equal(new ReviewDecisionResult(task, ReviewDecisionState.Approved), confirmed);
        var decided = await TaskAsync(factory, task);
        Assert.Equal((ReviewStatus.Approved, first.UserName, second.UserName, "核对无误"), (decided.Status, decided.DecidedBy, decided.SecondReviewer, decided.Note));
        var history = await ReviewsAsync(factory, db => db.TaskEntries.Where(e => e.TaskId == task).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["opened", "approved_first", "confirmed"], history);
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    [Fact]
    public async Task The_contract_decides_nothing_for_someone_who_is_not_a_reviewer_for_a_decided_task_or_for_no_task()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, FourEyesAbove1000);
        using var reviewer = await ReviewerAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, Registry.RegistryData.NewUscc());
        var task = await OpenAsync(factory, null, 800m, subject: "41");

        var byEnterprise = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "41", enterprise.UserName, null));
        var byNobody = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "41", "no-such-user", null));
        var approved = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "41", reviewer.UserName, null));
        var twice = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "41", reviewer.UserName, null));
        var missing = await DecideAsync(factory, d => d.ApproveAsync("tests.refund", "no-such-subject", reviewer.UserName, null));

        Assert.Equal((task, ReviewDecisionState.NotDecided), (byEnterprise.TaskId, byEnterprise.State));
        Assert.Equal(ReviewDecisionState.NotDecided, byNobody.State);
        Assert.Equal(ReviewDecisionState.Approved, approved.State);
        Assert.Equal(ReviewDecisionState.NotDecided, twice.State);
        Assert.Equal(((long?)null, ReviewDecisionState.NotDecided), (missing.TaskId, missing.State));
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    [Fact]
    public async Task A_refusal_through_the_contract_takes_a_reason_the_request_offers_and_no_other()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, FourEyesAbove1000);
        using var reviewer = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 800m, subject: "42");

        var unknown = await DecideAsync(factory, d => d.RefuseAsync("tests.refund", "42", reviewer.UserName, ["made.up"], null));
        var refused = await DecideAsync(factory, d => d.RefuseAsync("tests.refund", "42", reviewer.UserName, ["refund.arrears"], null));

        Assert.Equal(ReviewDecisionState.NotDecided, unknown.State);
        Assert.Equal(new ReviewDecisionResult(task, ReviewDecisionState.Refused), refused);
        Assert.Equal((ReviewStatus.Refused, "refund.arrears"), ((await TaskAsync(factory, task)).Status, (await TaskAsync(factory, task)).ReasonCodes));
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    private static async Task<ReviewDecisionResult> DecideAsync(WenjiuFactory factory, Func<IReviewDecisions, Task<ReviewDecisionResult>> decide)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await decide(scope.ServiceProvider.GetRequiredService<IReviewDecisions>());
    }
}
