using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;
using Wenjiu.Tests.Events;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Reviews.ReviewData;

namespace Wenjiu.Tests.Reviews;

/// <summary>The review queue (issue 9 §2): every decision path, four eyes, stale forms, claiming and reassigning, escalation.</summary>
public sealed class ReviewQueueTests
{
    private static readonly IReadOnlyDictionary<string, string?> FourEyesAbove1000 = Settings(("Reviews:FourEyesShare", "0"), ("Reviews:FourEyesAbove", "1000"));

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_refusal_quotes_the_reasons_chosen_in_the_letter_the_enterprise_reads(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);
        using var other = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.B);
        using var reviewer = await ReviewerAsync(factory);
        var task = await AppliedTaskAsync(enterprise);

        using var refused = await ActAsync(reviewer, task, "Refuse", [new("Reason", "deferral.no_serious_difficulty")]);
        await factory.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var decided = await TaskAsync(factory, task);
        Assert.Equal((ReviewStatus.Refused, "deferral.no_serious_difficulty"), (decided.Status, decided.ReasonCodes));
        var letter = await enterprise.GetPageAsync($"/Reviews/Letters/{task}");
        Assert.Contains("证明材料不足以证明单位生产经营出现严重困难", letter, StringComparison.Ordinal);
        using var pdf = await enterprise.GetAsync($"/Reviews/Letters/{task}?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        using var notTheirs = await other.GetAsync($"/Reviews/Letters/{task}");
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Contains(Wenjiu.Reviews.Features.Notices.TellApplicant.RefusedKind, await NotificationKindsAsync(factory, enterprise.UserName));
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    [Fact]
    public async Task The_task_page_names_its_candidate_group_in_the_reviewers_language_not_by_its_code()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);
        using var reviewer = await ReviewerAsync(factory);
        var task = await AppliedTaskAsync(enterprise);

        var zh = await reviewer.GetPageAsync($"/Reviews/Tasks/Detail/{task}");
        var en = await reviewer.GetPageAsync($"/Reviews/Tasks/Detail/{task}?culture=en");

        Assert.Contains("<dd id=\"task-group\">缓缴申请</dd>", zh, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"task-group\">deferral applications</dd>", en, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_refusal_without_a_reason_is_refused_naming_the_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        using var reviewer = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 500m);

        using var response = await ActAsync(reviewer, task, "Refuse", [new("Note", "不行")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("error-summary", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Open, (await TaskAsync(factory, task)).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sent_back_the_clock_stops_the_applicant_sees_the_question_and_answers_with_a_file(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var registry = await Relief.SmallRegistry.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, registry.A);
        using var reviewer = await ReviewerAsync(factory);
        var task = await AppliedTaskAsync(enterprise);
        const string question = "请补充2020年2月的财务报表";

        using var asked = await ActAsync(reviewer, task, "Ask", [new("Question", question)]);
        await factory.DispatchAsync();
        // Two days pass while the applicant gathers the statement: the due date must move by them.
        var before = await TaskAsync(factory, task);
        await factory.ExecuteSqlAsync($"UPDATE {factory.Table("reviews", "tasks")} SET paused_at = '{before.PausedAt!.Value.AddDays(-2).UtcDateTime:yyyy-MM-dd HH:mm:ss.fffffff}+00:00' WHERE id = {task}");
        var page = await enterprise.GetPageAsync($"/Reviews/Mine/Requests/{task}");
        using var content = new MultipartFormDataContent
        {
            { new StringContent("已补充"), "Answer" },
            { new StringContent(SignedInClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
        };
        content.Add(new ByteArrayContent(Pdf), "Files", "财务报表.pdf");
        using var answered = await enterprise.Http.PostAsync(new Uri($"/Reviews/Mine/Requests/{task}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains(question, page, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.WaitingForInformation, before.Status);
        Assert.Contains(Wenjiu.Reviews.Features.Notices.TellApplicant.QuestionKind, await NotificationKindsAsync(factory, enterprise.UserName));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var after = await TaskAsync(factory, task);
        Assert.Equal((ReviewStatus.Open, "已补充", (DateTimeOffset?)null), (after.Status, after.Answer, after.PausedAt));
        Assert.Single(after.AnswerFiles.Split(','));
        Assert.InRange(after.DueAt - before.DueAt, TimeSpan.FromDays(2), TimeSpan.FromDays(2.01));
        Assert.Contains(ReviewQueue.AnsweredKind, await NotificationKindsAsync(factory, reviewer.UserName));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_approval_above_the_threshold_waits_for_a_second_reviewer_who_is_never_the_first(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, FourEyesAbove1000);
        using var first = await ReviewerAsync(factory);
        using var second = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 5_000m);

        using var approved = await ActAsync(first, task, "Approve");
        var waiting = await TaskAsync(factory, task);
        // The page offers the first reviewer no confirmation; a form kept from before (or a crafted post) is refused.
        using var same = await ActAsync(first, task, "Approve", version: waiting.Version);
        var sameSays = await same.Content.ReadAsStringAsync();
        using var confirmed = await ActAsync(second, task, "Approve");

        Assert.Equal((ReviewStatus.AwaitingSecondReview, first.UserName), (waiting.Status, waiting.FirstApprover));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains("error-summary", sameSays, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var decided = await TaskAsync(factory, task);
        Assert.Equal((ReviewStatus.Approved, first.UserName, second.UserName), (decided.Status, decided.DecidedBy, decided.SecondReviewer));
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_approval_below_the_threshold_and_not_drawn_is_decided_by_one_reviewer(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, FourEyesAbove1000);
        using var reviewer = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 1_000m);

        using var approved = await ActAsync(reviewer, task, "Approve");

        var decided = await TaskAsync(factory, task);
        Assert.Equal((ReviewStatus.Approved, (string?)null), (decided.Status, decided.SecondReviewer));
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    [Fact]
    public void The_drawn_share_of_approvals_is_the_setting_and_the_same_seed_draws_the_same_tasks()
    {
        var options = new ReviewOptions { FourEyesShare = 0.2, FourEyesSeed = "audit-2020" };

        var drawn = Enumerable.Range(1, 5_000).Where(id => options.DrawsSecondReview(id)).ToList();
        var again = Enumerable.Range(1, 5_000).Where(id => new ReviewOptions { FourEyesShare = 0.2, FourEyesSeed = "audit-2020" }.DrawsSecondReview(id)).ToList();

        Assert.InRange(drawn.Count, 900, 1_100);
        Assert.Equal(drawn, again);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_stale_form_is_refused_saying_who_changed_the_task_and_when(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        using var slow = await ReviewerAsync(factory);
        using var quick = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 500m);
        var read = (await TaskAsync(factory, task)).Version;

        using var claimed = await quick.Http.PostAsJsonAsync($"/api/v1/reviews/tasks/{task}/actions", new Dictionary<string, object> { ["action"] = "claim", ["version"] = read });
        using var stalePage = await ActAsync(slow, task, "Approve", version: read);
        using var staleApi = await slow.Http.PostAsJsonAsync($"/api/v1/reviews/tasks/{task}/actions", new Dictionary<string, object> { ["action"] = "approve", ["version"] = read });

        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var said = await stalePage.Content.ReadAsStringAsync();
        Assert.Contains(quick.UserName, said, StringComparison.Ordinal);
        Assert.Contains("你的表单已过期", said, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, staleApi.StatusCode);
        Assert.Contains(quick.UserName, (await staleApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var task1 = await TaskAsync(factory, task);
        Assert.Equal((ReviewStatus.Open, quick.UserName), (task1.Status, task1.Assignee));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_reviewers_deciding_at_once_cannot_both_win(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var task = await OpenAsync(factory, null, 500m);
        var version = (await TaskAsync(factory, task)).Version;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<ReviewQueue>();
            return i % 2 == 0
                ? await queue.ApproveAsync(task, version, $"reviewer-{i}", null)
                : await queue.RefuseAsync(task, version, $"reviewer-{i}", ["refund.arrears"], null);
        }));

        Assert.Single(outcomes, o => o.Done);
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_reviewer_claims_and_releases_and_the_history_says_who_and_when(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        using var reviewer = await ReviewerAsync(factory);
        var task = await OpenAsync(factory, null, 500m);

        var inbox = await reviewer.GetPageAsync("/Reviews/Tasks");
        using var claimed = await reviewer.PostFormAsync("/Reviews/Tasks", $"/Reviews/Tasks?handler=Claim&id={task}", [new("version", "0")]);
        var held = await TaskAsync(factory, task);
        using var released = await ActAsync(reviewer, task, "Release");

        Assert.Contains($"queue-{task}", inbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal(reviewer.UserName, held.Assignee);
        Assert.Null((await TaskAsync(factory, task)).Assignee);
        var history = await ReviewsAsync(factory, db => db.TaskEntries.Where(e => e.TaskId == task).OrderBy(e => e.Id).Select(e => e.Action + " " + e.By).ToListAsync());
        Assert.Equal(["opened tester", $"claimed {reviewer.UserName}", $"released {reviewer.UserName}"], history);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_team_lead_reassigns_many_tasks_at_once_and_decided_ones_stay(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        using var lead = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        using var away = await ReviewerAsync(factory);
        using var cover = await ReviewerAsync(factory);
        var ids = new List<long>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add(await OpenAsync(factory, null, 500m, subject: i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            using var _ = await ActAsync(away, ids[^1], "Claim");
        }

        using var decided = await ActAsync(away, ids[2], "Approve");
        using var moved = await lead.PostFormAsync("/Reviews/Team", "/Reviews/Team?handler=Reassign", [.. ids.Select(id => new KeyValuePair<string, string>("Selected", id.ToString(System.Globalization.CultureInfo.InvariantCulture))), new("To", cover.UserName)]);
        using var denied = await away.GetAsync("/Reviews/Team");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(cover.UserName, (await TaskAsync(factory, ids[0])).Assignee);
        Assert.Equal(cover.UserName, (await TaskAsync(factory, ids[1])).Assignee);
        Assert.Equal(away.UserName, (await TaskAsync(factory, ids[2])).Assignee);
        Assert.Contains($"task-{ids[0]}", await cover.GetPageAsync("/Reviews/Tasks"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/Denied", Forms.Location(denied), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bulk_approval_decides_the_ordinary_tasks_leaves_those_above_the_threshold_for_a_second_reviewer_and_skips_anothers(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, FourEyesAbove1000);
        using var reviewer = await ReviewerAsync(factory);
        using var other = await ReviewerAsync(factory);
        var ordinary = await OpenAsync(factory, null, 800m, subject: "1");
        var large = await OpenAsync(factory, null, 5_000m, subject: "2");
        var held = await OpenAsync(factory, null, 500m, subject: "3");
        using var _ = await ActAsync(other, held, "Claim");
        string[] ids = [.. new[] { ordinary, large, held }.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        using var approved = await reviewer.PostFormAsync("/Reviews/Tasks", "/Reviews/Tasks?handler=ApproveSelected", ids.Select(id => new KeyValuePair<string, string>("Selected", id)));
        var page = await reviewer.GetPageAsync(Forms.Location(approved));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal((ReviewStatus.Approved, reviewer.UserName), ((await TaskAsync(factory, ordinary)).Status, (await TaskAsync(factory, ordinary)).DecidedBy));
        Assert.Equal((ReviewStatus.AwaitingSecondReview, reviewer.UserName), ((await TaskAsync(factory, large)).Status, (await TaskAsync(factory, large)).FirstApprover));
        Assert.False((await TaskAsync(factory, held)).IsDecided);
        Assert.Contains("bulk-approved", page, StringComparison.Ordinal);
        Assert.Equal(1, await PublishedAsync(factory, ReviewDecided.EventType));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_team_view_counts_each_reviewers_workload_and_overdue_tasks(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        using var lead = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        using var reviewer = await ReviewerAsync(factory);
        var late = await OpenAsync(factory, null, 500m, DateTimeOffset.UtcNow.AddDays(-1), subject: "late");
        var onTime = await OpenAsync(factory, null, 500m, subject: "on-time");
        using var a = await ActAsync(reviewer, late, "Claim");
        using var b = await ActAsync(reviewer, onTime, "Claim");

        var page = await lead.GetPageAsync("/Reviews/Team");

        var row = System.Text.RegularExpressions.Regex.Match(page, $"<tr id=\"load-{reviewer.UserName}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var numbers = System.Text.RegularExpressions.Regex.Matches(row, "<td class=\"num[^\"]*\">(\\d+)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["2", "1", "0"], numbers);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_overdue_task_is_escalated_once_and_the_team_lead_is_told(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        using var lead = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var late = await OpenAsync(factory, null, 500m, DateTimeOffset.UtcNow.AddHours(-1), subject: "late");
        var onTime = await OpenAsync(factory, null, 500m, subject: "on-time");

        int first, second;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<ReviewQueue>().EscalateOverdueAsync();
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            second = await scope.ServiceProvider.GetRequiredService<ReviewQueue>().EscalateOverdueAsync();
        }

        Assert.Equal((1, 0), (first, second));
        Assert.NotNull((await TaskAsync(factory, late)).EscalatedAt);
        Assert.Null((await TaskAsync(factory, onTime)).EscalatedAt);
        Assert.Equal([ReviewQueue.OverdueKind], await NotificationKindsAsync(factory, lead.UserName));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Opening_the_same_request_twice_gives_the_same_task(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);

        var first = await OpenAsync(factory, null, 500m, subject: "r-1");
        var again = await OpenAsync(factory, null, 500m, subject: "r-1");

        Assert.Equal(first, again);
        Assert.Equal(1, await ReviewsAsync(factory, db => db.Tasks.CountAsync()));
    }
}
