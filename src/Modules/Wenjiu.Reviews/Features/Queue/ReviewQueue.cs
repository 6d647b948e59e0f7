using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Notifications;
using Wenjiu.Platform.Time;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Data;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary>What an action on a task did: the task as it now stands, or why not (field errors, a stale form, no such task).</summary>
internal sealed record TaskChange(ReviewTask? Task, FieldErrors Errors, string? Stale = null, bool NotFound = false)
{
    public bool Done => Task is not null && Errors.IsEmpty && Stale is null && !NotFound;
}

/// <summary>What a bulk approval did: decided for good, waiting for a second reviewer, and skipped (held by another, decided, or not open).</summary>
internal sealed record BulkApproval(int Decided, int WaitingForSecond, int Skipped, FieldErrors Errors);

/// <summary>Which open tasks a whole-queue approval takes: a candidate group and a kind (either empty: any), and whether only those no amount sends to four eyes.</summary>
internal sealed record QueueSelection(string? Group, string? Kind, bool OrdinaryOnly);

/// <summary>What a whole-queue approval did: decided, waiting for a second reviewer, stale (changed since the count), skipped (the approval's rules said no).</summary>
internal sealed record QueueApproval(int Decided, int WaitingForSecond, int Stale, int Skipped)
{
    public int Done => Decided + WaitingForSecond + Stale + Skipped;

    public QueueApproval Add(QueueApproval other) =>
        new(Decided + other.Decided, WaitingForSecond + other.WaitingForSecond, Stale + other.Stale, Skipped + other.Skipped);
}

/// <summary>
/// The review queue (issue 9 §2): opens tasks for requests, and every action on a task — claim, release, reassign,
/// approve (with four eyes where needed), refuse with reasons, ask the applicant, the applicant's answer, withdrawal,
/// escalation. Every change raises the task's version in the same UPDATE that checks it, writes a history line, and a
/// final decision publishes <see cref="ReviewDecided"/> in that same transaction.
/// </summary>
internal sealed class ReviewQueue(
    ReviewsDbContext db,
    IInsuredEmploymentSource registry,
    INotifications notifications,
    IAuditLog audit,
    UserManager<WenjiuUser> users,
    IOptions<ReviewOptions> options,
    TimeProvider clock,
    IStringLocalizer<ReviewsText> text)
{
    public const string AnsweredKind = "reviews.answered";
    public const string OverdueKind = "reviews.overdue";
    public const int MaxQuestionLength = 2000;
    public const int MaxAnswerLength = 4000;
    public const int MaxNoteLength = 2000;

    /// <summary>Opens a task (idempotent on kind and subject: the existing task's id is returned).</summary>
    public async Task<long> OpenAsync(ReviewRequest request, string openedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await db.Tasks.AsNoTracking().Where(t => t.Kind == request.Kind && t.SubjectId == request.SubjectId).Select(t => (long?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var district = request.Uscc is { } uscc ? (await registry.FindEmployerAsync(uscc, cancellationToken))?.Facts.District : null;
        var task = NewTask(request, district, openedBy, clock.GetUtcNow());
        db.Tasks.Add(task);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Opened at the same moment by another request: (kind, subject) is unique, the first one stands.
            db.ChangeTracker.Clear();
            return await db.Tasks.AsNoTracking().Where(t => t.Kind == request.Kind && t.SubjectId == request.SubjectId).Select(t => t.Id).FirstAsync(cancellationToken);
        }

        db.TaskEntries.Add(Entry(task.Id, "opened", openedBy, task.OpenedAt, request.TitleZh));
        await db.SaveChangesAsync(cancellationToken);
        return task.Id;
    }

    /// <summary>Opens many at once (a batch's list): the ones not yet open, in one transaction, without a registry read each.</summary>
    public async Task<int> OpenManyAsync(IReadOnlyList<ReviewRequest> requests, string openedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var opened = 0;
        var now = clock.GetUtcNow();
        foreach (var group in requests.GroupBy(r => r.Kind, StringComparer.Ordinal))
        {
            foreach (var chunk in group.DistinctBy(r => r.SubjectId, StringComparer.Ordinal).Chunk(1000))
            {
                var subjects = chunk.Select(r => r.SubjectId).ToList();
                var existing = (await db.Tasks.AsNoTracking().Where(t => t.Kind == group.Key && subjects.Contains(t.SubjectId)).Select(t => t.SubjectId).ToListAsync(cancellationToken))
                    .ToHashSet(StringComparer.Ordinal);
                var tasks = chunk.Where(r => !existing.Contains(r.SubjectId)).Select(r => NewTask(r, null, openedBy, now)).ToList();
                if (tasks.Count == 0)
                {
                    continue;
                }

                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.Tasks.AddRange(tasks);
                await db.SaveChangesAsync(cancellationToken);
                db.TaskEntries.AddRange(tasks.Select(t => Entry(t.Id, "opened", openedBy, now, t.TitleZh)));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                opened += tasks.Count;
            }
        }

        return opened;
    }

    public async Task WithdrawAsync(string kind, string subjectId, string reason, string by, CancellationToken cancellationToken = default)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Kind == kind && t.SubjectId == subjectId, cancellationToken);
        if (task is null || task.IsDecided)
        {
            return;
        }

        await ChangeAsync(task.Id, task.Version, by, "withdrawn", (t, now, errors) =>
        {
            t.Status = ReviewStatus.Withdrawn;
            t.Assignee = null;
            t.DecidedAt = now;
            t.DecidedBy = by;
            t.Note = Cut(reason, MaxNoteLength);
            return t.Note;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> UndecidedSubjectsAsync(string kind, string subjectPrefix, CancellationToken cancellationToken = default) =>
        await db.Tasks.AsNoTracking()
            .Where(t => t.Kind == kind && t.SubjectId.StartsWith(subjectPrefix) && t.Status != ReviewStatus.Approved && t.Status != ReviewStatus.Refused && t.Status != ReviewStatus.Withdrawn)
            .OrderBy(t => t.SubjectId).Select(t => t.SubjectId).ToListAsync(cancellationToken);

    /// <summary>A reviewer takes an unassigned task of the queue.</summary>
    public Task<TaskChange> ClaimAsync(long id, int version, string by, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, by, "claimed", (t, now, errors) =>
        {
            if (t.IsDecided || t.Status == ReviewStatus.WaitingForInformation)
            {
                errors.Add("Task", text["Task.Error.NotOpen"]);
            }
            else if (t.Assignee is { } holder && holder != by)
            {
                errors.Add("Task", text["Task.Error.HeldBy", holder]);
            }

            t.Assignee = by;
            return "";
        }, cancellationToken);

    /// <summary>The holder gives the task back to its group's queue.</summary>
    public Task<TaskChange> ReleaseAsync(long id, int version, string by, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, by, "released", (t, now, errors) =>
        {
            if (t.Assignee != by)
            {
                errors.Add("Task", text["Task.Error.NotYours"]);
            }

            t.Assignee = null;
            return "";
        }, cancellationToken);

    /// <summary>A team lead gives the task to a reviewer (or back to the queue when <paramref name="to"/> is empty), urgent ones included.</summary>
    public async Task<TaskChange> ReassignAsync(long id, int version, string? to, string by, CancellationToken cancellationToken = default)
    {
        var reviewer = string.IsNullOrWhiteSpace(to) ? null : to.Trim();
        var unknown = reviewer is not null && !await IsReviewerAsync(reviewer);
        return await ChangeAsync(id, version, by, "reassigned", (t, now, errors) =>
        {
            if (unknown)
            {
                errors.Add("To", text["Task.Error.NoSuchReviewer", reviewer!]);
            }
            else if (t.IsDecided)
            {
                errors.Add("Task", text["Task.Error.NotOpen"]);
            }

            var from = t.Assignee;
            t.Assignee = reviewer;
            return $"{from ?? "-"} → {reviewer ?? "-"}";
        }, cancellationToken);
    }

    /// <summary>
    /// A team lead moves many tasks at once (a reviewer away, a queue to even out): every undecided one of
    /// <paramref name="ids"/> goes to <paramref name="to"/>, each with its own history line and version; decided ones stay.
    /// </summary>
    public async Task<(int Moved, FieldErrors Errors)> BulkReassignAsync(IReadOnlyCollection<long> ids, string? to, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var errors = new FieldErrors();
        var reviewer = string.IsNullOrWhiteSpace(to) ? null : to.Trim();
        if (reviewer is not null && !await IsReviewerAsync(reviewer))
        {
            errors.Add("To", text["Task.Error.NoSuchReviewer", reviewer]);
        }

        if (ids.Count == 0)
        {
            errors.Add("Selected", text["Task.Error.NoneSelected"]);
        }

        if (!errors.IsEmpty)
        {
            return (0, errors);
        }

        var now = clock.GetUtcNow();
        var tasks = await db.Tasks.Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var task in tasks.Where(t => !t.IsDecided && t.Assignee != reviewer))
        {
            db.TaskEntries.Add(Entry(task.Id, "reassigned", by, now, $"{task.Assignee ?? "-"} → {reviewer ?? "-"}"));
            task.Assignee = reviewer;
            Touch(task, by, now);
            moved++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (moved, errors);
    }

    /// <summary>
    /// Approves. When four eyes are needed (amount above the threshold, or drawn) the task waits for a second reviewer;
    /// otherwise, and when a second reviewer (never the first) confirms, it is decided and <see cref="ReviewDecided"/> goes out.
    /// </summary>
    public Task<TaskChange> ApproveAsync(long id, int version, string by, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, by, "approved", (t, now, errors) => Approve(t, by, note, now, errors), cancellationToken);

    /// <summary>
    /// Approves many tasks at once (a batch's ordinary route, such as the refunds' eligible list): each selected task is
    /// approved exactly as one approval on its page would be, at the version read now, so four eyes still apply per task
    /// (those above the threshold or drawn wait for a second reviewer) and a task held by someone else, decided, or
    /// waiting for information is skipped and counted, never forced.
    /// </summary>
    public async Task<BulkApproval> BulkApproveAsync(IReadOnlyCollection<long> ids, string by, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var errors = new FieldErrors();
        if (ids.Count == 0)
        {
            errors.Add("Selected", text["Task.Error.NoneSelected"]);
            return new BulkApproval(0, 0, 0, errors);
        }

        int decided = 0, waiting = 0, skipped = 0;
        foreach (var id in ids.Distinct().Take(MaxBulkApprovals))
        {
            var version = await db.Tasks.AsNoTracking().Where(t => t.Id == id).Select(t => (int?)t.Version).FirstOrDefaultAsync(cancellationToken);
            if (version is null)
            {
                skipped++;
                continue;
            }

            var change = await ApproveAsync(id, version.Value, by, note, cancellationToken);
            db.ChangeTracker.Clear();
            if (!change.Done)
            {
                skipped++;
            }
            else if (change.Task!.Status == ReviewStatus.AwaitingSecondReview)
            {
                waiting++;
            }
            else
            {
                decided++;
            }
        }

        return new BulkApproval(decided, waiting, skipped, errors);
    }

    /// <summary>How many tasks one bulk approval may take: each is its own transaction, and a page must answer in time.</summary>
    public const int MaxBulkApprovals = 500;

    /// <summary>How many tasks the whole-queue approval decides in one transaction.</summary>
    public const int QueueApprovalChunk = 500;

    /// <summary>
    /// The open tasks a whole-queue approval by <paramref name="by"/> takes: those of the selection opened by
    /// <paramref name="asOf"/> (the moment the lead saw the count) that nobody else holds.
    /// </summary>
    public IQueryable<ReviewTask> QueueToApprove(QueueSelection selection, string by, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var tasks = db.Tasks.Where(t => t.Status == ReviewStatus.Open && (t.Assignee == null || t.Assignee == by) && t.OpenedAt <= asOf);
        if (!string.IsNullOrEmpty(selection.Group))
        {
            tasks = tasks.Where(t => t.CandidateGroup == selection.Group);
        }

        if (!string.IsNullOrEmpty(selection.Kind))
        {
            tasks = tasks.Where(t => t.Kind == selection.Kind);
        }

        if (selection.OrdinaryOnly)
        {
            var limit = options.Value.FourEyesAbove;
            tasks = tasks.Where(t => t.Amount == null || t.Amount <= limit);
        }

        return tasks;
    }

    /// <summary>
    /// Approves a whole filtered queue (a year's refund list: hundreds of thousands of tasks), run as a background job
    /// (<see cref="ApproveQueueJob"/>): chunk by chunk of <see cref="QueueApprovalChunk"/> tasks, each chunk one
    /// transaction, each task through the same approval rules as on its page (<see cref="Approve"/>: four eyes still
    /// drawn, a task held by another not forced) with its own history line and version, and its
    /// <see cref="ReviewDecided"/> in the chunk's transaction. A task changed after <paramref name="asOf"/> (claimed,
    /// answered, sent back since the lead saw the count) is stale: skipped and counted, left for a person. Audited once
    /// for the run, with its counts. Running it again takes only what is still open, so a retry or a second run
    /// decides nothing twice.
    /// </summary>
    public async Task<QueueApproval> ApproveQueueAsync(
        QueueSelection selection, DateTimeOffset asOf, string by, string? note, Func<QueueApproval, CancellationToken, Task>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var total = new QueueApproval(0, 0, 0, 0);
        var after = 0L;
        while (await ApproveQueueChunkAsync(selection, asOf, by, note, after, cancellationToken) is ({ } chunk, { } last))
        {
            total = total.Add(chunk);
            after = last;
            if (progress is not null)
            {
                await progress(total, cancellationToken);
            }
        }

        await audit.RecordAsync(
            by, "reviews.queue.approved", $"group {selection.Group ?? "*"} kind {selection.Kind ?? "*"}",
            JsonSerializer.Serialize(new { ordinary_only = selection.OrdinaryOnly, as_of = asOf, decided = total.Decided, waiting_for_second = total.WaitingForSecond, stale = total.Stale, skipped = total.Skipped }),
            cancellationToken);
        return total;
    }

    /// <summary>One chunk in one transaction: its counts and the last id it read, or nothing when no task is left.</summary>
    private async Task<(QueueApproval? Counts, long? Last)> ApproveQueueChunkAsync(QueueSelection selection, DateTimeOffset asOf, string by, string? note, long after, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var tasks = await QueueToApprove(selection, by, asOf).Where(t => t.Id > after).OrderBy(t => t.Id).Take(QueueApprovalChunk).ToListAsync(cancellationToken);
            if (tasks.Count == 0)
            {
                return (null, null);
            }

            var now = clock.GetUtcNow();
            int decided = 0, waiting = 0, stale = 0, skipped = 0;
            foreach (var task in tasks)
            {
                if (task.ChangedAt > asOf)
                {
                    stale++;
                    continue;
                }

                var errors = new FieldErrors();
                if (Approve(task, by, note, now, errors) is not { } detail || !errors.IsEmpty)
                {
                    skipped++;
                    continue;
                }

                Record(task, "approved", by, now, detail);
                if (task.Status == ReviewStatus.AwaitingSecondReview)
                {
                    waiting++;
                }
                else
                {
                    decided++;
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return (new QueueApproval(decided, waiting, stale, skipped), tasks[^1].Id);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A reviewer changed a task of the chunk between our read and our UPDATE: nothing of the chunk is
                // written. Read it again: that task has now changed after asOf, and is counted stale.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Refuses with reasons chosen from the request's own (quoted in the letter) and, when it has none, a note.</summary>
    public Task<TaskChange> RefuseAsync(long id, int version, string by, IReadOnlyCollection<string> reasonCodes, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, by, "refused", (t, now, errors) =>
        {
            var written = Cut(note?.Trim() ?? "", MaxNoteLength);
            var offered = ReasonsOf(t);
            var chosen = reasonCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
            if (chosen.Any(c => offered.All(r => r.Code != c)))
            {
                errors.Add("Reasons", text["Task.Error.UnknownReason"]);
            }
            else if (chosen.Count == 0 && (offered.Count > 0 || written.Length == 0))
            {
                errors.Add("Reasons", text[offered.Count > 0 ? "Task.Error.ReasonRequired" : "Task.Error.NoteRequired"]);
            }

            if (t.Status == ReviewStatus.AwaitingSecondReview)
            {
                if (t.FirstApprover == by)
                {
                    errors.Add("Task", text["Task.Error.SameReviewer"]);
                }

                t.SecondReviewer = by;
            }
            else if (!MayDecide(t, by, errors))
            {
                return null;
            }

            if (!errors.IsEmpty)
            {
                return null;
            }

            Decide(t, ReviewOutcome.Refused, by, null, now, chosen, written);
            return string.Join(',', chosen) + (written.Length > 0 ? $" {written}" : "");
        }, cancellationToken);

    /// <summary>Sends the task back to the applicant with a question: the clock stops until it is answered.</summary>
    public Task<TaskChange> RequestInformationAsync(long id, int version, string by, string? question, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, by, "information_requested", (t, now, errors) =>
        {
            var asked = question?.Trim() ?? "";
            if (asked.Length == 0)
            {
                errors.Add("Question", text["Task.Error.QuestionRequired"]);
            }
            else if (asked.Length > MaxQuestionLength)
            {
                errors.Add("Question", text["Task.Error.TooLong", MaxQuestionLength]);
            }

            if (t.Status != ReviewStatus.Open)
            {
                errors.Add("Task", text["Task.Error.NotOpen"]);
            }
            else
            {
                MayDecide(t, by, errors);
            }

            if (!errors.IsEmpty)
            {
                return null;
            }

            t.Status = ReviewStatus.WaitingForInformation;
            t.Assignee = by;
            t.PausedAt = now;
            t.Question = asked;
            t.Answer = null;
            t.AnswerFiles = "";
            t.AnsweredAt = null;
            db.Publish(new InformationRequested(t.Id, t.Kind, t.SubjectId, t.Uscc, asked, by), now);
            return asked;
        }, cancellationToken);

    /// <summary>
    /// The applicant answers (with files already stored): the task is open again, its due date moved on by the time it
    /// waited, and the reviewer who asked is told. Only a user acting for the task's employer may answer.
    /// </summary>
    public async Task<TaskChange> AnswerAsync(long id, string uscc, string by, string? answer, IReadOnlyCollection<Guid> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.Uscc == uscc, cancellationToken);
        if (task is null)
        {
            return new TaskChange(null, new FieldErrors(), NotFound: true);
        }

        var change = await ChangeAsync(id, task.Version, by, "answered", (t, now, errors) =>
        {
            var written = answer?.Trim() ?? "";
            if (t.Status != ReviewStatus.WaitingForInformation)
            {
                errors.Add("Answer", text["Task.Error.NotWaiting"]);
            }
            else if (written.Length == 0 && files.Count == 0)
            {
                errors.Add("Answer", text["Task.Error.AnswerRequired"]);
            }
            else if (written.Length > MaxAnswerLength)
            {
                errors.Add("Answer", text["Task.Error.TooLong", MaxAnswerLength]);
            }

            if (!errors.IsEmpty)
            {
                return null;
            }

            // The time spent waiting for the answer is the applicant's, not the reviewer's: the due date moves by it.
            t.DueAt += now - t.PausedAt!.Value;
            t.PausedAt = null;
            t.Status = ReviewStatus.Open;
            t.Answer = written;
            t.AnswerFiles = string.Join(',', files);
            t.AnsweredAt = now;
            return written;
        }, cancellationToken);
        if (change.Done && change.Task!.Assignee is { } reviewer)
        {
            await notifications.NotifyAsync(
                new NotificationRequest(Recipients.UserNamed(reviewer), AnsweredKind, [change.Task.TitleZh, change.Task.TitleEn], $"/Reviews/Tasks/{id}", $"{AnsweredKind}.{id}.{change.Task.Version}"),
                cancellationToken);
        }

        return change;
    }

    /// <summary>
    /// Marks every undecided, running task past its due date as escalated (once) and tells the team leads (the users who
    /// hold <see cref="Permissions.LeadReviews"/>). Run by <see cref="OverdueEscalation"/> every hour.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var open = new[] { ReviewStatus.Open, ReviewStatus.AwaitingSecondReview };
        var overdue = await db.Tasks.Where(t => open.Contains(t.Status) && t.EscalatedAt == null && t.PausedAt == null && t.DueAt < now).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }

        foreach (var task in overdue)
        {
            task.EscalatedAt = now;
            Touch(task, "system", now);
            db.TaskEntries.Add(Entry(task.Id, "escalated", "system", now, BeijingTime.Format(task.DueAt)));
        }

        await db.SaveChangesAsync(cancellationToken);
        var leads = await LeadIdsAsync();
        foreach (var task in overdue)
        {
            await notifications.NotifyAsync(
                new NotificationRequest(Recipients.Users([.. leads]), OverdueKind, [task.TitleZh, task.TitleEn, BeijingTime.Format(task.DueAt), task.Assignee ?? "-"], $"/Reviews/Tasks/{task.Id}", $"{OverdueKind}.{task.Id}"),
                cancellationToken);
        }

        return overdue.Count;
    }

    /// <summary>
    /// Distribution (Caseflow's automatic docketing, simplified): every open, unassigned task goes to a reviewer — first
    /// one whose districts (<see cref="ReviewOptions.ReviewerDistricts"/>) include the task's, else any — choosing the one
    /// with the fewest undecided tasks, most urgent and earliest due first. A lead still assigns urgent ones by hand.
    /// </summary>
    public async Task<int> DistributeAsync(string by, CancellationToken cancellationToken = default)
    {
        var reviewers = (await users.GetUsersInRoleAsync(Roles.Reviewer)).Where(u => u.DisabledAt is null && u.UserName is not null).Select(u => u.UserName!).Order(StringComparer.Ordinal).ToList();
        if (reviewers.Count == 0)
        {
            return 0;
        }

        var load = await db.Tasks.AsNoTracking()
            .Where(t => t.Assignee != null && (t.Status == ReviewStatus.Open || t.Status == ReviewStatus.WaitingForInformation || t.Status == ReviewStatus.AwaitingSecondReview))
            .GroupBy(t => t.Assignee!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var districts = reviewers.ToDictionary(r => r, r => options.Value.ReviewerDistricts.TryGetValue(r, out var d) ? d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [], StringComparer.Ordinal);
        var waiting = await db.Tasks.Where(t => t.Assignee == null && t.Status == ReviewStatus.Open).OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt).Take(1000).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var task in waiting)
        {
            var local = reviewers.Where(r => task.District is { } d && districts[r].Contains(d, StringComparer.Ordinal)).ToList();
            var reviewer = (local.Count > 0 ? local : reviewers).MinBy(r => load.GetValueOrDefault(r))!;
            load[reviewer] = load.GetValueOrDefault(reviewer) + 1;
            task.Assignee = reviewer;
            Touch(task, by, now);
            db.TaskEntries.Add(Entry(task.Id, "distributed", by, now, reviewer));
        }

        await db.SaveChangesAsync(cancellationToken);
        return waiting.Count;
    }

    public static IReadOnlyList<ReviewReason> ReasonsOf(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return JsonSerializer.Deserialize<List<ReviewReason>>(task.RefusalReasons) ?? [];
    }

    public static ReviewTaskEntry Entry(long taskId, string action, string by, DateTimeOffset at, string detail) =>
        new() { TaskId = taskId, Action = action, By = Cut(by, 256), At = at, Detail = Cut(detail, 4000) };

    private static ReviewTask NewTask(ReviewRequest request, string? district, string openedBy, DateTimeOffset now) => new()
    {
        Kind = request.Kind,
        SubjectId = request.SubjectId,
        Uscc = request.Uscc,
        District = district,
        TitleZh = Cut(request.TitleZh, 200),
        TitleEn = Cut(request.TitleEn, 200),
        Amount = request.Amount,
        DueAt = request.DueAt,
        CandidateGroup = request.CandidateGroup,
        Priority = Math.Clamp(request.Priority, 0, 100),
        RefusalReasons = JsonSerializer.Serialize(request.RefusalReasons),
        DetailPath = request.DetailPath,
        Status = ReviewStatus.Open,
        OpenedAt = now,
        OpenedBy = Cut(openedBy, 256),
        ChangedAt = now,
        ChangedBy = Cut(openedBy, 256),
    };

    /// <summary>
    /// The approval's rules, the one copy every way of approving goes through (the task page, the API, a bulk
    /// approval, the whole-queue approval, another module through <see cref="IReviewDecisions"/>): a second reviewer
    /// confirms a task that waits for four eyes, never its first approver; otherwise a task the reviewer may decide is
    /// approved, waiting for a second reviewer when four eyes are needed. Returns the history line's detail
    /// (<c>four_eyes</c>, <c>confirmed</c> or the note), or null with <paramref name="errors"/> filled and the task unchanged.
    /// </summary>
    private string? Approve(ReviewTask t, string by, string? note, DateTimeOffset now, FieldErrors errors)
    {
        var written = Cut(note?.Trim() ?? "", MaxNoteLength);
        if (t.Status == ReviewStatus.AwaitingSecondReview)
        {
            if (t.FirstApprover == by)
            {
                errors.Add("Task", text["Task.Error.SameReviewer"]);
                return null;
            }

            t.SecondReviewer = by;
            Decide(t, ReviewOutcome.Approved, t.FirstApprover!, by, now, [], t.Note.Length > 0 && written.Length > 0 ? $"{t.Note} / {written}" : t.Note + written);
            return "confirmed";
        }

        if (!MayDecide(t, by, errors))
        {
            return null;
        }

        if (options.Value.NeedsSecondReview(t.Id, t.Amount))
        {
            t.NeedsSecondReview = true;
            t.Status = ReviewStatus.AwaitingSecondReview;
            t.FirstApprover = by;
            t.FirstApprovedAt = now;
            t.Assignee = null;
            t.Note = written;
            return "four_eyes";
        }

        Decide(t, ReviewOutcome.Approved, by, null, now, [], written);
        return written;
    }

    /// <summary>A reviewer may decide a task that is theirs or nobody's (deciding takes it); one held by another is theirs to decide.</summary>
    private bool MayDecide(ReviewTask task, string by, FieldErrors errors)
    {
        if (task.IsDecided || task.Status == ReviewStatus.WaitingForInformation)
        {
            errors.Add("Task", text["Task.Error.NotOpen"]);
            return false;
        }

        if (task.Assignee is { } holder && holder != by)
        {
            errors.Add("Task", text["Task.Error.HeldBy", holder]);
            return false;
        }

        return true;
    }

    private void Decide(ReviewTask task, ReviewOutcome outcome, string decidedBy, string? secondReviewer, DateTimeOffset now, IReadOnlyList<string> reasons, string note)
    {
        task.Status = outcome == ReviewOutcome.Approved ? ReviewStatus.Approved : ReviewStatus.Refused;
        task.DecidedAt = now;
        task.DecidedBy = decidedBy;
        task.SecondReviewer = secondReviewer ?? task.SecondReviewer;
        task.ReasonCodes = string.Join(',', reasons);
        task.Note = note;
        task.Assignee ??= decidedBy;
        db.Publish(new ReviewDecided(task.Id, task.Kind, task.SubjectId, task.Uscc, outcome, reasons, note, decidedBy, task.SecondReviewer, now), now);
    }

    private async Task<TaskChange> ChangeAsync(long id, int version, string by, string action, Func<ReviewTask, DateTimeOffset, FieldErrors, string?> act, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return new TaskChange(null, new FieldErrors(), NotFound: true);
        }

        if (task.Version != version)
        {
            return new TaskChange(task, new FieldErrors(), StaleMessage(task));
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var detail = act(task, now, errors);
        if (!errors.IsEmpty || detail is null)
        {
            db.ChangeTracker.Clear();
            return new TaskChange(await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, cancellationToken), errors);
        }

        var entryAction = Record(task, action, by, now, detail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another reviewer's change reached the row first (its version moved between our read and our UPDATE).
            db.ChangeTracker.Clear();
            var current = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, cancellationToken);
            return new TaskChange(current, new FieldErrors(), StaleMessage(current));
        }

        if (task.IsDecided || entryAction is "approved_first")
        {
            await audit.RecordAsync(by, $"reviews.task.{entryAction}", $"task {id} {task.Kind} {task.SubjectId}", JsonSerializer.Serialize(new { status = task.Status.ToString(), reasons = task.ReasonCodes, note = task.Note }), cancellationToken);
        }

        return new TaskChange(task, errors);
    }

    /// <summary>Raises the task's version and writes its history line; the action as written (an approval that waits for four eyes is written as such, the confirmation too).</summary>
    private string Record(ReviewTask task, string action, string by, DateTimeOffset now, string detail)
    {
        var entryAction = detail switch
        {
            "four_eyes" => "approved_first",
            "confirmed" => "confirmed",
            _ => action,
        };
        Touch(task, by, now);
        db.TaskEntries.Add(Entry(task.Id, entryAction, by, now, detail is "four_eyes" or "confirmed" ? task.Note : detail));
        return entryAction;
    }

    private string StaleMessage(ReviewTask task) => text["Task.Stale", task.ChangedBy, BeijingTime.Format(task.ChangedAt)];

    private static void Touch(ReviewTask task, string by, DateTimeOffset now)
    {
        task.Version++;
        task.ChangedBy = Cut(by, 256);
        task.ChangedAt = now;
    }

    /// <summary>Whether the user exists, is not disabled, and reviews (a reviewer or an administrator).</summary>
    public async Task<bool> IsReviewerAsync(string userName)
    {
        var user = await users.FindByNameAsync(userName);
        return user is { DisabledAt: null } && (await users.IsInRoleAsync(user, Roles.Reviewer) || await users.IsInRoleAsync(user, Roles.Administrator));
    }

    private async Task<IReadOnlyList<string>> LeadIdsAsync()
    {
        var leads = new List<string>();
        foreach (var role in Permissions.Table[Permissions.LeadReviews].Everywhere)
        {
            leads.AddRange((await users.GetUsersInRoleAsync(role)).Where(u => u.DisabledAt is null).Select(u => u.Id));
        }

        return leads.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Cut(string value, int length) => value.Length > length ? value[..length] : value;
}
