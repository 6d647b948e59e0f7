using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Files;
using Wenjiu.Platform.Time;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Data;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Deferrals;
using Wenjiu.Reviews.Features.Queue;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews.Features.Objections;

internal sealed record SizeObjectionInput(string? Claimed, string? Reason, IReadOnlyList<UploadedFile> Uploads, string? IdempotencyKey);

internal sealed record SizeObjectionResult(SizeObjection? Objection, FieldErrors Errors, bool Repeated = false);

/// <summary>
/// Objections to the published size class (issue 9 §4): within the window the bureau announced
/// (<see cref="ReviewOptions.ObjectionsOpen"/> … <see cref="ReviewOptions.ObjectionsClose"/>, Beijing dates), with a
/// reason and evidence, for a class other than the one in force. Reviewed as a task due on the window's last day;
/// upheld, the registry reclassifies the employer for the whole policy period (<see cref="ReclassifyUpheldObjection"/>).
/// </summary>
internal sealed class SizeObjections(
    ReviewsDbContext db, ReviewQueue queue, IPolicySizeClasses sizeClasses, IFileStore files, IOptions<ReviewOptions> options, TimeProvider clock, IStringLocalizer<ReviewsText> text)
{
    public const string Kind = "reviews.size_objection";
    public const string CandidateGroup = "size_objections";

    public static readonly IReadOnlyList<ReviewReason> RefusalReasons =
    [
        new("objection.facts_support_published", "2020年3月9日划型时的从业人员、营业收入和资产总额支持公布的规模类型", "The employees, revenue and assets at the 2020-03-09 classification support the published class"),
        new("objection.evidence_insufficient", "所附材料不能证明主张的规模类型", "The evidence does not show the class claimed"),
        new("objection.out_of_window", "异议未在公示期内提出", "The objection was not made within the announced window"),
    ];

    public async Task<SizeObjectionResult> ObjectAsync(string uscc, ClaimsPrincipal applicant, SizeObjectionInput input, CancellationToken cancellationToken = default)
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

        if (await db.SizeObjections.AsNoTracking().FirstOrDefaultAsync(o => o.Uscc == uscc && o.IdempotencyKey == key, cancellationToken) is { } earlier)
        {
            return new(earlier, errors, Repeated: true);
        }

        var today = BeijingTime.DayOf(clock.GetUtcNow());
        var window = options.Value;
        if (today < window.ObjectionsOpen || today > window.ObjectionsClose)
        {
            errors.Add("Claimed", text["Objection.Error.Window", window.ObjectionsOpen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), window.ObjectionsClose.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        }

        var policy = await sizeClasses.FindAsync(uscc, cancellationToken);
        SizeClass? claimed = Enum.TryParse<SizeClass>(input.Claimed, ignoreCase: false, out var c) && Enum.IsDefined(c) ? c : null;
        if (policy is null)
        {
            errors.Add("Claimed", text["Objection.Error.NotClassified"]);
        }
        else if (claimed is null)
        {
            errors.Add("Claimed", text["Objection.Error.ClaimRequired"]);
        }
        else if (claimed == policy.Current)
        {
            errors.Add("Claimed", text["Objection.Error.Same"]);
        }

        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            errors.Add("Reason", text["Apply.Error.ReasonRequired"]);
        }
        else if (reason.Length > DeferralApplications.MaxReasonLength)
        {
            errors.Add("Reason", text["Task.Error.TooLong", DeferralApplications.MaxReasonLength]);
        }

        if (input.Uploads.Count == 0)
        {
            errors.Add("Evidence", text["Apply.Error.EvidenceRequired"]);
        }
        else if (input.Uploads.Count > DeferralApplications.MaxFiles)
        {
            errors.Add("Evidence", text["Apply.Error.TooManyFiles", DeferralApplications.MaxFiles]);
        }

        var pending = await db.SizeObjections.AsNoTracking().Where(o => o.Uscc == uscc)
            .Join(db.Tasks.Where(t => t.Status == ReviewStatus.Open || t.Status == ReviewStatus.WaitingForInformation || t.Status == ReviewStatus.AwaitingSecondReview), o => o.TaskId, t => (long?)t.Id, (o, t) => o)
            .AnyAsync(cancellationToken);
        if (pending)
        {
            errors.Add("Claimed", text["Objection.Error.Pending"]);
        }

        if (!errors.IsEmpty)
        {
            return new(null, errors);
        }

        var evidence = new List<Guid>();
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

        var objection = new SizeObjection
        {
            Uscc = uscc,
            Published = policy!.Current.ToString(),
            Claimed = claimed!.Value.ToString(),
            Reason = reason,
            EvidenceFiles = string.Join(',', evidence),
            IdempotencyKey = key,
            SubmittedBy = by.Length > 256 ? by[..256] : by,
            SubmittedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SizeObjections.Add(objection);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new(await db.SizeObjections.AsNoTracking().FirstOrDefaultAsync(o => o.Uscc == uscc && o.IdempotencyKey == key, cancellationToken), new FieldErrors(), Repeated: true);
        }

        objection.TaskId = await queue.OpenAsync(Request(objection, window), by, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(objection, errors);
    }

    /// <summary>Due on the window's last day: the classification must be settled before the bills it governs are final.</summary>
    private static ReviewRequest Request(SizeObjection objection, ReviewOptions window) => new(
        Kind,
        objection.Id.ToString(CultureInfo.InvariantCulture),
        objection.Uscc,
        $"规模类型异议：{SizeClassification.ClassNameZh(Enum.Parse<SizeClass>(objection.Published))}→{SizeClassification.ClassNameZh(Enum.Parse<SizeClass>(objection.Claimed))}",
        $"Size-class objection: {SizeClassification.ClassNameEn(Enum.Parse<SizeClass>(objection.Published))} to {SizeClassification.ClassNameEn(Enum.Parse<SizeClass>(objection.Claimed))}",
        null,
        BeijingTime.StartOf(window.ObjectionsClose.AddDays(1)).AddSeconds(-1),
        CandidateGroup,
        40,
        RefusalReasons,
        null);
}

/// <summary>
/// An upheld objection goes to the registry (<see cref="IPolicySizeClasses.ReclassifyAsync"/>, idempotent on the
/// reference), which publishes <c>EmployerReclassified</c>; relief then assesses the affected months again.
/// </summary>
internal sealed class ReclassifyUpheldObjection(ReviewsDbContext db, IPolicySizeClasses sizeClasses, TimeProvider clock) : IEventHandler<ReviewDecided>
{
    public async Task HandleAsync(ReviewDecided message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != SizeObjections.Kind || message.Outcome != ReviewOutcome.Approved
            || !long.TryParse(message.SubjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        var objection = await db.SizeObjections.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (objection is null || objection.ReclassifiedAt is not null)
        {
            return;
        }

        await sizeClasses.ReclassifyAsync(objection.Uscc, Enum.Parse<SizeClass>(objection.Claimed), Reference(message.TaskId), message.SecondReviewer ?? message.DecidedBy, cancellationToken);
        objection.ReclassifiedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string Reference(long taskId) => string.Create(CultureInfo.InvariantCulture, $"规模异议 R{taskId}");
}
