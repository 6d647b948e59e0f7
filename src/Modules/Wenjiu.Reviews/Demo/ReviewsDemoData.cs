using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Time;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;
using Wenjiu.Reviews.Data;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Deferrals;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Demo;

/// <summary>
/// Demo mode: about 2% of the demo city's enterprises applied for a deferral in February and March 2020 (Beijing: over
/// 10,000 of some 615,000), most approved by the demo reviewers (four eyes on some), a few refused, one waiting for the
/// applicant's answer and some still open in the inboxes. Written as the queue would have left them in spring 2020, with
/// the approved ones recorded in relief through its contract. The demo enterprise's own employer is left out, so its
/// user can apply afresh. Idempotent: nothing is written once an application exists.
/// </summary>
internal sealed class ReviewsDemoData(ReviewsDbContext db, IInsuredEmploymentSource registry, IDeferralInput deferrals, IAssessmentResults assessments) : IDemoData
{
    private const string Reviewer = "reviewer";
    private const string Lead = "admin";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.DeferralApplications.AnyAsync(cancellationToken))
        {
            return;
        }

        var enterprises = new List<string>();
        await using (var month = await registry.OpenMonthAsync(new YearMonth(2020, 2), cancellationToken))
        {
            await foreach (var employer in month.ReadEmployersAsync(cancellationToken))
            {
                if (employer.Uscc.StartsWith('9') && employer.Uscc != DemoCity.EnterpriseUscc)
                {
                    enterprises.Add(employer.Uscc);
                }
            }
        }

        // Every 50th enterprise in code order: 2%, the same ones on every seed.
        var applicants = enterprises.Order(StringComparer.Ordinal).Where((_, i) => i % 50 == 25).ToList();
        for (var i = 0; i < applicants.Count; i++)
        {
            await SeedOneAsync(applicants[i], i, applicants.Count, cancellationToken);
        }
    }

    private async Task SeedOneAsync(string uscc, int i, int count, CancellationToken cancellationToken)
    {
        var first = new YearMonth(2020, 2 + (i % 2));
        var last = first.AddMonths(i % 3);
        var submitted = BeijingTime.StartOf(new DateOnly(2020, first.Month, 1).AddDays(-10 + (i % 7))).AddHours(10);
        var application = new DeferralApplication
        {
            Uscc = uscc,
            FirstMonth = first,
            LastMonth = last,
            Reason = i % 3 == 0 ? "受新冠肺炎疫情影响停工停业，营业收入大幅下降" : "疫情期间订单取消，资金周转困难",
            IdempotencyKey = $"demo-{i}",
            SubmittedBy = "enterprise-demo",
            SubmittedAt = submitted,
        };
        db.DeferralApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);

        var request = DeferralApplications.Request(application, await DeferralApplications.DeferredAmountAsync(assessments, application, cancellationToken));
        var task = new ReviewTask
        {
            Kind = request.Kind,
            SubjectId = request.SubjectId,
            Uscc = uscc,
            TitleZh = request.TitleZh,
            TitleEn = request.TitleEn,
            Amount = request.Amount,
            DueAt = request.DueAt,
            CandidateGroup = request.CandidateGroup,
            Priority = request.Priority,
            RefusalReasons = JsonSerializer.Serialize(request.RefusalReasons),
            Status = ReviewStatus.Open,
            OpenedAt = submitted,
            OpenedBy = application.SubmittedBy,
            ChangedAt = submitted,
            ChangedBy = application.SubmittedBy,
        };
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        application.TaskId = task.Id;
        var history = new List<ReviewTaskEntry> { ReviewQueue.Entry(task.Id, "opened", application.SubmittedBy, submitted, task.TitleZh) };
        var decidedAt = submitted.AddDays(3 + (i % 5));

        // The last few are still in progress; a tenth of the rest refused; every fifth approval had four eyes.
        var open = count - i <= 4;
        if (open)
        {
            switch (count - i)
            {
                case 4:
                    task.Status = ReviewStatus.WaitingForInformation;
                    task.Assignee = Reviewer;
                    task.PausedAt = decidedAt;
                    task.Question = "请补充2020年1月和2月的财务报表，以及停工停业的证明。";
                    history.Add(ReviewQueue.Entry(task.Id, "claimed", Reviewer, decidedAt.AddHours(-2), ""));
                    history.Add(ReviewQueue.Entry(task.Id, "information_requested", Reviewer, decidedAt, task.Question));
                    break;
                case 3:
                    task.Status = ReviewStatus.AwaitingSecondReview;
                    task.NeedsSecondReview = true;
                    task.FirstApprover = "reviewer2";
                    task.FirstApprovedAt = decidedAt;
                    history.Add(ReviewQueue.Entry(task.Id, "approved_first", "reviewer2", decidedAt, ""));
                    break;
                case 2:
                    task.Assignee = Reviewer;
                    history.Add(ReviewQueue.Entry(task.Id, "claimed", Reviewer, decidedAt, ""));
                    break;
                default:
                    break;
            }
        }
        else if (i % 10 == 7)
        {
            task.Status = ReviewStatus.Refused;
            task.Assignee = Reviewer;
            task.DecidedAt = decidedAt;
            task.DecidedBy = Reviewer;
            task.ReasonCodes = "deferral.no_serious_difficulty";
            history.Add(ReviewQueue.Entry(task.Id, "refused", Reviewer, decidedAt, task.ReasonCodes));
        }
        else
        {
            var fourEyes = i % 5 == 0;
            task.Status = ReviewStatus.Approved;
            task.Assignee = Reviewer;
            task.DecidedAt = decidedAt;
            task.DecidedBy = Reviewer;
            task.NeedsSecondReview = fourEyes;
            if (fourEyes)
            {
                task.FirstApprover = Reviewer;
                task.FirstApprovedAt = decidedAt.AddHours(-3);
                task.SecondReviewer = Lead;
                history.Add(ReviewQueue.Entry(task.Id, "approved_first", Reviewer, decidedAt.AddHours(-3), ""));
                history.Add(ReviewQueue.Entry(task.Id, "confirmed", Lead, decidedAt, ""));
            }
            else
            {
                history.Add(ReviewQueue.Entry(task.Id, "approved", Reviewer, decidedAt, ""));
            }

            var recorded = await deferrals.RecordAsync(new ApprovedDeferral(uscc, first, last, RecordApprovedDeferral.Reference(task.Id)), fourEyes ? Lead : Reviewer, cancellationToken);
            application.DeferralId = recorded.DeferralId;
        }

        task.Version = history.Count - 1;
        var lastEntry = history[^1];
        (task.ChangedBy, task.ChangedAt) = (lastEntry.By, lastEntry.At);
        db.TaskEntries.AddRange(history);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}

