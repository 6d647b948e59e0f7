using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Jobs;
using Xunit.Abstractions;
using static Wenjiu.Tests.Reviews.ReviewData;

namespace Wenjiu.Tests.Reviews;

/// <summary>
/// A team lead approves a whole filtered queue (a year's refund list) as a background job: counted and confirmed on
/// the page, chunk by chunk, each task through the one approval's rules; stale ones skipped; nothing decided twice.
/// </summary>
public sealed partial class QueueApprovalTests(ITestOutputHelper output)
{
    private const string Page = "/Reviews/Team/ApproveQueue";

    private static readonly IReadOnlyDictionary<string, string?> FourEyesAbove1000 =
        Settings(("Reviews:FourEyesShare", "0"), ("Reviews:FourEyesAbove", "1000"), ("Jobs:IdleWait", "00:00:00.500"));

    [Fact]
    public async Task A_lead_approves_the_counted_queue_in_the_background_four_eyes_still_apply_and_anothers_tasks_are_left()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, FourEyesAbove1000);
        using var lead = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        using var other = await ReviewerAsync(factory);
        var ordinary = await OpenAsync(factory, null, 800m, subject: "1");
        var large = await OpenAsync(factory, null, 5_000m, subject: "2");
        var held = await OpenAsync(factory, null, 500m, subject: "3");
        var otherGroup = await OpenAsync(factory, null, 500m, subject: "4", group: "deferrals");
        using var _ = await ActAsync(other, held, "Claim");

        var confirm = await lead.GetPageAsync($"{Page}?group=refunds&ordinaryOnly=false&culture=en");
        var outcome = await ConfirmAndWaitAsync(factory, lead, confirm);

        Assert.Contains("2 open tasks match", confirm, StringComparison.Ordinal);
        Assert.Equal((1, 1, 0, 0), outcome);
        var approved = await TaskAsync(factory, ordinary);
        Assert.Equal((ReviewStatus.Approved, lead.UserName), (approved.Status, approved.DecidedBy));
        Assert.Equal((ReviewStatus.AwaitingSecondReview, lead.UserName), ((await TaskAsync(factory, large)).Status, (await TaskAsync(factory, large)).FirstApprover));
        Assert.Equal(ReviewStatus.Open, (await TaskAsync(factory, held)).Status);
        Assert.Equal(ReviewStatus.Open, (await TaskAsync(factory, otherGroup)).Status);
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
        var history = await ReviewsAsync(factory, db => db.TaskEntries.Where(e => e.TaskId == ordinary).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["opened", "approved"], history);
        Assert.Equal(1, await AuditedAsync(factory));
    }

    [Fact]
    public async Task By_default_only_the_tasks_no_amount_sends_to_four_eyes_are_taken()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, FourEyesAbove1000);
        using var lead = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var ordinary = await OpenAsync(factory, null, 1_000m, subject: "1");
        var large = await OpenAsync(factory, null, 1_000.01m, subject: "2");

        var outcome = await ConfirmAndWaitAsync(factory, lead, await lead.GetPageAsync($"{Page}?group=refunds&kind=tests.refund"));

        Assert.Equal((1, 0, 0, 0), outcome);
        Assert.Equal(ReviewStatus.Approved, (await TaskAsync(factory, ordinary)).Status);
        Assert.Equal(ReviewStatus.Open, (await TaskAsync(factory, large)).Status);
    }

    [Fact]
    public async Task A_task_changed_after_the_count_is_skipped_as_stale_and_running_it_again_decides_nothing_twice()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, FourEyesAbove1000);
        using var lead = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        using var other = await ReviewerAsync(factory);
        var first = await OpenAsync(factory, null, 800m, subject: "1");
        var changed = await OpenAsync(factory, null, 800m, subject: "2");
        var confirm = await lead.GetPageAsync($"{Page}?group=refunds");
        // Between the count and the confirmation another reviewer takes the task and gives it back.
        using (var claimed = await ActAsync(other, changed, "Claim"))
        using (var released = await ActAsync(other, changed, "Release"))
        {
            Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        }

        var outcome = await ConfirmAndWaitAsync(factory, lead, confirm);
        var again = await ConfirmAndWaitAsync(factory, lead, confirm);

        Assert.Equal((1, 0, 1, 0), outcome);
        Assert.Equal((0, 0, 1, 0), again);
        Assert.Equal(ReviewStatus.Approved, (await TaskAsync(factory, first)).Status);
        Assert.Equal(ReviewStatus.Open, (await TaskAsync(factory, changed)).Status);
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
        Assert.Contains("id=\"queue-none\"", await lead.GetPageAsync($"{Page}?group=refunds&kind=nothing"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_reviewer_is_offered_no_whole_queue_approval_and_is_refused_it()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, FourEyesAbove1000);
        using var lead = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        using var reviewer = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 800m, subject: "1");
        var confirm = await lead.GetPageAsync($"{Page}?group=refunds");

        var tasks = await reviewer.GetPageAsync("/Reviews/Tasks?group=refunds");
        using var page = await reviewer.GetAsync(Page);
        using var content = new FormUrlEncodedContent(ConfirmationFields(confirm).Append(new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(tasks))));
        using var posted = await reviewer.Http.PostAsync(new Uri(Page, UriKind.Relative), content);

        Assert.DoesNotContain("id=\"approve-queue\"", tasks, StringComparison.Ordinal);
        Assert.Contains("id=\"approve-queue\"", await lead.GetPageAsync("/Reviews/Tasks?group=refunds"), StringComparison.Ordinal);
        Assert.Contains("/Account/Denied", Forms.Location(page), StringComparison.Ordinal);
        Assert.Contains("/Account/Denied", Forms.Location(posted), StringComparison.Ordinal);
        Assert.Empty(await factory.RunsAsync(ApproveQueueJob.Kind));
        Assert.Equal(ReviewStatus.Open, (await TaskAsync(factory, task)).Status);
    }

    /// <summary>
    /// Not a timing test: a queue bigger than a chunk is approved completely, with four eyes drawn. The rate is printed
    /// (set <c>WENJIU_QUEUE_TASKS=20000</c> to measure at scale; docs/modules/reviews.md has the figure).
    /// </summary>
    [Fact]
    public async Task A_queue_of_several_chunks_is_approved_completely_with_four_eyes_drawn_per_task()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("WENJIU_QUEUE_TASKS"), CultureInfo.InvariantCulture, out var n) ? n : 1_200;
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, Settings(("Reviews:FourEyesShare", "0.1"), ("Reviews:FourEyesAbove", "50000")));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var due = DateTimeOffset.UtcNow.AddDays(30);
            await scope.ServiceProvider.GetRequiredService<IReviewRequests>().OpenManyAsync(
                [.. Enumerable.Range(0, count).Select(i => new ReviewRequest("payments.refund", $"2019:{i:D8}", null, $"稳岗返还 {i}", $"Refund {i}", 1_000m + (i % 500), due, "refunds", 10, [], null))],
                "tester");
        }

        QueueApproval result;
        var clock = Stopwatch.StartNew();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<ReviewQueue>().ApproveQueueAsync(
                new QueueSelection("refunds", "payments.refund", OrdinaryOnly: true), DateTimeOffset.UtcNow, "lead", null);
        }

        clock.Stop();
        output.WriteLine($"{count} tasks approved in {clock.Elapsed.TotalSeconds:0.0} s: {count / clock.Elapsed.TotalSeconds:0} tasks/s ({result})");
        Assert.Equal(count, result.Decided + result.WaitingForSecond);
        Assert.InRange(result.WaitingForSecond, count / 20, count / 5);
        Assert.Equal(result.Decided, await PublishedAsync(factory, ReviewDecided.EventType));
        Assert.Equal(0, await ReviewsAsync(factory, db => db.Tasks.CountAsync(t => t.Status == ReviewStatus.Open)));
    }

    /// <summary>Posts the confirmation form as the page rendered it, waits for the job, and reads its counts from the page.</summary>
    private static async Task<(int Decided, int Waiting, int Stale, int Skipped)> ConfirmAndWaitAsync(WenjiuFactory factory, SignedInClient lead, string confirm)
    {
        using var content = new FormUrlEncodedContent(ConfirmationFields(confirm).Append(new("__RequestVerificationToken", SignedInClient.AntiforgeryToken(confirm))));
        using var posted = await lead.Http.PostAsync(new Uri(Page, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = Forms.Location(posted);
        var job = Guid.Parse(JobId().Match(location).Groups[1].Value);
        var run = await factory.WaitAsync(job, r => r.IsFinished);
        Assert.Equal(JobRunState.Succeeded, run.State);
        var page = await lead.GetPageAsync(location + "&culture=en");
        return (Count(page, "queue-decided"), Count(page, "queue-waiting"), Count(page, "queue-stale"), Count(page, "queue-skipped"));
    }

    private static IEnumerable<KeyValuePair<string, string>> ConfirmationFields(string confirm) =>
        new[] { "Group", "Kind", "OrdinaryOnly", "AsOf", "Expected" }.Select(name => new KeyValuePair<string, string>(name, SignedInClient.HiddenValue(confirm, name)));

    private static int Count(string page, string id) =>
        int.Parse(Regex.Match(page, $"id=\"{id}\">[^<]*?(\\d+)</li>").Groups[1].Value, CultureInfo.InvariantCulture);

    private static async Task<int> AuditedAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditEntries.CountAsync(a => a.Action.StartsWith("reviews."));
    }

    [GeneratedRegex("[?&]job=([0-9a-f-]{36})")]
    private static partial Regex JobId();
}
