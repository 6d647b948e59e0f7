using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Files;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Time;
using Wenjiu.Platform.Web;
using Wenjiu.Relief.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Data;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews.Features.Deferrals;

/// <summary>A file the applicant sends: its name as given and its content (read once, streamed to the store).</summary>
internal sealed record UploadedFile(string FileName, Func<Stream> Open);

/// <summary>
/// An application as the enterprise writes it: months as <c>YYYY-MM</c>, the reason, evidence either uploaded with the
/// form (<paramref name="Uploads"/>) or stored beforehand through <c>POST /api/v1/files</c> (<paramref name="StoredEvidence"/>).
/// </summary>
internal sealed record DeferralApplicationInput(
    string? FirstMonth, string? LastMonth, string? Reason, IReadOnlyList<UploadedFile> Uploads, IReadOnlyList<Guid> StoredEvidence, string? IdempotencyKey);

/// <summary>What applying did: the application (new, or the one a repeated key found), or the errors per field.</summary>
internal sealed record DeferralApplicationResult(DeferralApplication? Application, FieldErrors Errors, bool Repeated = false);

/// <summary>
/// Applying for a deferral (缓缴申请, issue 9 §3) in the enterprise's portal: the months are checked against the relief
/// module's own rules before anything is submitted, the evidence goes to the file store (checked by content and size),
/// and the application opens a review task due before the first month's contribution falls due (its last day, Beijing
/// time). A repeated idempotency key returns the first application instead of a second one.
/// </summary>
internal sealed class DeferralApplications(
    ReviewsDbContext db, ReviewQueue queue, IDeferralInput deferrals, IAssessmentResults assessments, IFileStore files, TimeProvider clock,
    IStringLocalizer<ReviewsText> text)
{
    public const string Kind = "reviews.deferral";
    public const string CandidateGroup = "deferrals";
    public const int MaxReasonLength = 2000;
    public const int MaxFiles = 5;

    public async Task<DeferralApplicationResult> ApplyAsync(string uscc, ClaimsPrincipal applicant, DeferralApplicationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(input);
        var by = applicant.Identity?.Name ?? "?";
        var errors = new FieldErrors();
        var key = input.IdempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > 100)
        {
            errors.Add("IdempotencyKey", text["Apply.Error.Key"]);
            return new(null, errors);
        }

        if (await FindAsync(uscc, key, cancellationToken) is { } earlier)
        {
            return new(earlier, errors, Repeated: true);
        }

        var first = Month(input.FirstMonth, "FirstMonth", errors);
        var last = Month(input.LastMonth, "LastMonth", errors);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            errors.Add("Reason", text["Apply.Error.ReasonRequired"]);
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add("Reason", text["Task.Error.TooLong", MaxReasonLength]);
        }

        if (input.Uploads.Count + input.StoredEvidence.Count == 0)
        {
            errors.Add("Evidence", text["Apply.Error.EvidenceRequired"]);
        }
        else if (input.Uploads.Count + input.StoredEvidence.Count > MaxFiles)
        {
            errors.Add("Evidence", text["Apply.Error.TooManyFiles", MaxFiles]);
        }

        if (first is { } f && last is { } l)
        {
            // The relief module's own rules (earliest start, latest end, longest length, no overlap with a standing deferral).
            foreach (var (field, messages) in await deferrals.CheckAsync(new ApprovedDeferral(uscc, f, l, "check"), cancellationToken))
            {
                foreach (var message in messages)
                {
                    errors.Add(field == "Uscc" ? "FirstMonth" : field, message);
                }
            }

            var pending = await db.DeferralApplications.AsNoTracking()
                .Where(a => a.Uscc == uscc && a.FirstMonth <= l && a.LastMonth >= f)
                .Join(db.Tasks.Where(t => t.Status == ReviewStatus.Open || t.Status == ReviewStatus.WaitingForInformation || t.Status == ReviewStatus.AwaitingSecondReview), a => a.TaskId, t => (long?)t.Id, (a, t) => a)
                .FirstOrDefaultAsync(cancellationToken);
            if (pending is not null)
            {
                errors.Add("FirstMonth", text["Apply.Error.Pending", pending.FirstMonth, pending.LastMonth]);
            }
        }

        var evidence = new List<Guid>();
        foreach (var id in input.StoredEvidence.Distinct())
        {
            var read = await files.ReadAsync(id, applicant, cancellationToken);
            if (read.Outcome != FileReadOutcome.Found)
            {
                errors.Add("Evidence", text["Apply.Error.NoSuchFile", id]);
            }
            else
            {
                await read.Content!.DisposeAsync();
                evidence.Add(id);
            }
        }

        if (!errors.IsEmpty)
        {
            return new(null, errors);
        }

        foreach (var upload in input.Uploads)
        {
            await using var content = upload.Open();
            var stored = await files.StoreAsync(new NewFile(FileKinds.Evidence.Name, upload.FileName, by, uscc), content, cancellationToken);
            if (stored.File is { } kept)
            {
                evidence.Add(kept.Id);
            }
            else
            {
                errors.Add("Evidence", $"{upload.FileName}: {stored.Refusal!.Message}");
            }
        }

        if (!errors.IsEmpty)
        {
            return new(null, errors);
        }

        var now = clock.GetUtcNow();
        var application = new DeferralApplication
        {
            Uscc = uscc,
            FirstMonth = first!.Value,
            LastMonth = last!.Value,
            Reason = reason,
            EvidenceFiles = string.Join(',', evidence),
            IdempotencyKey = key,
            SubmittedBy = by.Length > 256 ? by[..256] : by,
            SubmittedAt = now,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.DeferralApplications.Add(application);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same form posted twice at once: the unique (employer, key) lets one through; the other gets it.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new(await FindAsync(uscc, key, cancellationToken), new FieldErrors(), Repeated: true);
            }

            application.TaskId = await queue.OpenAsync(Request(application, await DeferredAmountAsync(assessments, application, cancellationToken)), by, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new(application, errors);
    }

    /// <summary>
    /// The money at stake, for the four-eyes threshold: the employer's payable contributions of the months applied for, as
    /// the relief engine assessed them; a month not assessed yet counts as the last assessed month before the
    /// application's first (an estimate, never nothing: an unassessed month must not slip under the threshold). Null when
    /// the employer has no assessed month at all.
    /// </summary>
    public static async Task<decimal?> DeferredAmountAsync(IAssessmentResults assessments, DeferralApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(application);
        var before = await assessments.FindAsync(application.Uscc, application.FirstMonth.AddMonths(-1), cancellationToken);
        decimal? total = null;
        for (var month = application.FirstMonth; month <= application.LastMonth; month = month.AddMonths(1))
        {
            var assessed = await assessments.FindAsync(application.Uscc, month, cancellationToken) ?? before;
            if (assessed is not null)
            {
                total = (total ?? 0m) + assessed.EmployerPayable;
                before = assessed;
            }
        }

        return total;
    }

    /// <summary>The review request for an application: due on the last day of its first month (Beijing time), when that month's contribution falls due.</summary>
    /// <param name="amount">The deferred contributions at stake (<see cref="DeferredAmountAsync"/>), for the four-eyes threshold.</param>
    public static ReviewRequest Request(DeferralApplication application, decimal? amount)
    {
        ArgumentNullException.ThrowIfNull(application);
        var due = BeijingTime.StartOf(application.FirstMonth.AddMonths(1).FirstDay).AddSeconds(-1);
        return new ReviewRequest(
            Kind,
            application.Id.ToString(CultureInfo.InvariantCulture),
            application.Uscc,
            $"缓缴申请 {application.FirstMonth}～{application.LastMonth}",
            $"Deferral application {application.FirstMonth} to {application.LastMonth}",
            amount,
            due,
            CandidateGroup,
            50,
            RefusalReasons,
            null);
    }

    /// <summary>The reasons a deferral may be refused for (relief-rules.md, "Deferral": serious difficulty, within the months allowed).</summary>
    public static readonly IReadOnlyList<ReviewReason> RefusalReasons =
    [
        new("deferral.no_serious_difficulty", "证明材料不足以证明单位生产经营出现严重困难", "The evidence does not show that the employer is in serious difficulty"),
        new("deferral.evidence_unreadable", "证明材料无法辨认或与申请单位不符", "The evidence cannot be read or is not the applicant's"),
        new("deferral.months_not_allowed", "申请缓缴的月份不符合政策规定（2020年2月起，最长6个月，不晚于2020年12月）", "The months applied for are not allowed (from 2020-02, at most 6 months, ending by 2020-12)"),
        new("deferral.arrears_before", "单位存在2020年2月前的欠费，须先补缴", "The employer owes contributions from before 2020-02, which must be paid first"),
    ];

    public Task<DeferralApplication?> FindAsync(string uscc, string key, CancellationToken cancellationToken = default) =>
        db.DeferralApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Uscc == uscc && a.IdempotencyKey == key, cancellationToken);

    private YearMonth? Month(string? written, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            errors.Add(field, text["Apply.Error.MonthRequired"]);
            return null;
        }

        if (!YearMonth.TryParse(written.Trim(), CultureInfo.InvariantCulture, out var month))
        {
            errors.Add(field, text["Apply.Error.MonthInvalid", written]);
            return null;
        }

        return month;
    }
}
