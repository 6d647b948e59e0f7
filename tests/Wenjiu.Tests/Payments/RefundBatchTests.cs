using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Features.Refunds;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Domain;
using Wenjiu.Tests.Events;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Reviews.ReviewData;

namespace Wenjiu.Tests.Payments;

/// <summary>The yearly refund batch (issue 9 §5) on a small imported city, through the verbs and the pages.</summary>
public sealed class RefundBatchTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_export_has_exactly_the_columns_one_row_per_employer_each_reason_and_the_rounding(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var city = await RefundCity.ImportAsync(factory);

        var lines = await AssessAndExportAsync(factory);

        Assert.Equal("uscc,eligible,reason,layoff_rate,insured_2018,insured_2019,unemployment_paid_2019,refund", lines[0]);
        Assert.Equal(lines[1..].Order(StringComparer.Ordinal), lines[1..]);
        Assert.Equal(city.All.Order(StringComparer.Ordinal), lines[1..].Select(l => l.Split(',')[0]));
        Assert.Contains($"{city.Eligible},true,,0.000000,2,2,1200.00,1200.00", lines);
        Assert.Contains($"{city.MissingMonth},false,not_insured_all_year,0.000000,2,2,1100.00,0.00", lines);
        Assert.Contains($"{city.Arrears},false,arrears,0.000000,2,2,1200.00,0.00", lines);
        Assert.Contains($"{city.NoBaseline},false,no_baseline,,0,1,1200.00,0.00", lines);
        Assert.Contains($"{city.Layoffs},false,layoff_rate,0.333333,3,2,1200.00,0.00", lines);
        Assert.Contains($"{city.Institution},false,not_an_enterprise,0.000000,2,2,1200.00,0.00", lines);
        Assert.Contains($"{city.HalfRounded},true,,0.000000,2,2,1200.01,600.01", lines);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Running_the_batch_again_gives_identical_results(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await RefundCity.ImportAsync(factory);

        var first = await AssessAndExportAsync(factory);
        var second = await AssessAndExportAsync(factory);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_refund_approved_in_the_review_queue_becomes_one_payment_through_the_outbox()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, OneReviewer);
        var city = await RefundCity.ImportAsync(factory);
        await AssessAndExportAsync(factory);
        using var reviewer = await ReviewerAsync(factory);

        var approved = await DecideAsync(factory, d => d.ApproveAsync(RefundReviews.Kind, RefundReviews.SubjectId(2019, city.Eligible), reviewer.UserName, null));
        await factory.DispatchAsync();
        await factory.DispatchAsync();

        Assert.Equal(ReviewDecisionState.Approved, approved.State);
        var payment = Assert.Single(await PaymentsAsync(factory));
        Assert.Equal((1200.00m, $"RF2019-{city.Eligible}", reviewer.UserName), (payment.Amount, payment.Reference, payment.ApprovedBy));
    }

    /// <summary>The handler itself: the same decision delivered again, concurrently or later, or another module's kind, pays once.</summary>
    [Fact]
    public async Task The_payment_handler_pays_an_approval_once_however_often_the_decision_is_delivered()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres);
        var city = await RefundCity.ImportAsync(factory);
        await AssessAndExportAsync(factory);
        var decided = new ReviewDecided(1, RefundReviews.Kind, RefundReviews.SubjectId(2019, city.Eligible), city.Eligible, ReviewOutcome.Approved, [], "", "reviewer1", null, DateTimeOffset.UtcNow);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => HandleAsync(factory, decided, i))));
        await HandleAsync(factory, decided, 9);
        await HandleAsync(factory, decided with { Kind = "reviews.deferral" }, 10);

        var payment = Assert.Single(await PaymentsAsync(factory));
        Assert.Equal(1200.00m, payment.Amount);
        Assert.Equal($"RF2019-{city.Eligible}", payment.Reference);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sending_a_rerun_to_review_withdraws_the_open_task_of_an_employer_no_longer_eligible_and_keeps_the_others(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, OneReviewer);
        var city = await RefundCity.ImportAsync(factory);
        await AssessAndExportAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<IReviewRequests>();
        // A task an earlier run opened for an employer the latest run finds over the layoff limit.
        await requests.OpenAsync(
            new ReviewRequest(RefundReviews.Kind, RefundReviews.SubjectId(2019, city.Layoffs), city.Layoffs, "稳岗返还", "Refund", 1200m, DateTimeOffset.UtcNow.AddDays(30), RefundReviews.Group, 0, RefundReviews.RefusalReasons, null),
            "earlier-run");

        var sent = await scope.ServiceProvider.GetRequiredService<RefundReviews>().SendAsync(2019, "tester");

        var undecided = await requests.UndecidedSubjectsAsync(RefundReviews.Kind, "2019:");
        Assert.True(sent > 0);
        Assert.Contains(RefundReviews.SubjectId(2019, city.Eligible), undecided);
        Assert.DoesNotContain(RefundReviews.SubjectId(2019, city.Layoffs), undecided);
        var withdrawn = await ReviewsAsync(factory, db => db.Tasks.SingleAsync(t => t.SubjectId == RefundReviews.SubjectId(2019, city.Layoffs)));
        Assert.Equal((ReviewStatus.Withdrawn, RefundReviews.NoLongerEligible), (withdrawn.Status, withdrawn.Note));
    }

    [Fact]
    public async Task A_refund_refused_in_the_queue_and_one_approved_for_an_employer_no_longer_eligible_pay_nothing()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Postgres, OneReviewer);
        var city = await RefundCity.ImportAsync(factory);
        await AssessAndExportAsync(factory);
        using var reviewer = await ReviewerAsync(factory);
        // A task an earlier run opened for an employer the latest run finds over the layoff limit.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IReviewRequests>().OpenAsync(
                new ReviewRequest(RefundReviews.Kind, RefundReviews.SubjectId(2019, city.Layoffs), city.Layoffs, "稳岗返还", "Refund", 1200m, DateTimeOffset.UtcNow.AddDays(30), RefundReviews.Group, 0, RefundReviews.RefusalReasons, null),
                "earlier-run");
        }

        var refused = await DecideAsync(factory, d => d.RefuseAsync(RefundReviews.Kind, RefundReviews.SubjectId(2019, city.Eligible), reviewer.UserName, ["headcount_disputed"], null));
        var approved = await DecideAsync(factory, d => d.ApproveAsync(RefundReviews.Kind, RefundReviews.SubjectId(2019, city.Layoffs), reviewer.UserName, null));
        await factory.DispatchAsync();

        Assert.Equal((ReviewDecisionState.Refused, ReviewDecisionState.Approved), (refused.State, approved.State));
        Assert.Empty(await PaymentsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_see_counts_by_reason_and_why_an_employer_failed_with_the_smallest_change(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var city = await RefundCity.ImportAsync(factory);
        await AssessAndExportAsync(factory);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var list = await officer.GetPageAsync("/Payments/Refunds?year=2019&culture=en");
        var why = await officer.GetPageAsync($"/Payments/Refunds/2019/{city.Layoffs}?culture=en");

        Assert.Contains("id=\"count-layoff_rate\"", list, StringComparison.Ordinal);
        Assert.Contains("id=\"count-eligible\"", list, StringComparison.Ordinal);
        Assert.Contains("1 fewer separations would have passed the layoff limit", why, StringComparison.Ordinal);
        Assert.Contains("1 separations ÷ 3 insured = 33.3333%, above 20%", why, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_sees_its_own_refund_and_not_another_employers(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var city = await RefundCity.ImportAsync(factory);
        await AssessAndExportAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, city.Eligible);

        using var own = await enterprise.GetAsync($"/Payments/Refunds/2019/{city.Eligible}");
        using var other = await enterprise.GetAsync($"/Payments/Refunds/2019/{city.Layoffs}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    private static async Task<ReviewDecisionResult> DecideAsync(WenjiuFactory factory, Func<IReviewDecisions, Task<ReviewDecisionResult>> decide)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await decide(scope.ServiceProvider.GetRequiredService<IReviewDecisions>());
    }

    private static async Task<List<Wenjiu.Payments.Domain.Payment>> PaymentsAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentsDbContext>().Payments.AsNoTracking().ToListAsync();
    }

    private static async Task HandleAsync(WenjiuFactory factory, ReviewDecided decided, long message)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<PayApprovedRequests>();
        await handler.HandleAsync(decided, new EventDelivery(message, DateTimeOffset.UtcNow, 1), CancellationToken.None);
    }

    private static async Task<string[]> AssessAndExportAsync(WenjiuFactory factory)
    {
        var file = Path.Combine(factory.DataDirectory, $"refunds-{Guid.NewGuid():N}.csv");
        using var output = new StringWriter();
        Assert.Equal(0, await RefundsCommand.AssessAsync(factory.Services, 2019, review: true, output, CancellationToken.None));
        Assert.Equal(0, await RefundsCommand.ExportAsync(factory.Services, 2019, new FileInfo(file), output, CancellationToken.None));
        return (await File.ReadAllTextAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
