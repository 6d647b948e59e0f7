using Microsoft.EntityFrameworkCore;
using Wenjiu.Reviews.Data;
using Wenjiu.Reviews.Domain;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary>One reviewer's line of the team view: undecided tasks held, of them overdue, and waiting for an applicant.</summary>
internal sealed record ReviewerLoad(string Reviewer, int Held, int Overdue, int Waiting);

/// <summary>A task with what its page shows beside it: its history, and the application when it is one of this module's.</summary>
internal sealed record TaskView(ReviewTask Task, IReadOnlyList<ReviewTaskEntry> History, DeferralApplication? Deferral, SizeObjection? Objection);

/// <summary>What the queue's pages read: inboxes ordered by due date (Camunda Tasklist's task queries), the team view, one task.</summary>
internal sealed class ReviewQueries(ReviewsDbContext db, TimeProvider clock)
{
    public const int PageSize = 100;

    private static readonly ReviewStatus[] Undecided = [ReviewStatus.Open, ReviewStatus.WaitingForInformation, ReviewStatus.AwaitingSecondReview];

    /// <summary>The reviewer's own undecided tasks, earliest due first (the timeliness goal orders the work).</summary>
    public Task<List<ReviewTask>> MineAsync(string reviewer, CancellationToken cancellationToken = default) =>
        db.Tasks.AsNoTracking().Where(t => t.Assignee == reviewer && Undecided.Contains(t.Status))
            .OrderBy(t => t.DueAt).ThenByDescending(t => t.Priority).ThenBy(t => t.Id).Take(PageSize).ToListAsync(cancellationToken);

    /// <summary>
    /// Tasks nobody holds that a reviewer may take: open ones, and approvals waiting for a second reviewer other than
    /// <paramref name="reviewer"/>; urgent first, then by due date.
    /// </summary>
    public Task<List<ReviewTask>> UnclaimedAsync(string reviewer, string? group = null, CancellationToken cancellationToken = default)
    {
        var query = db.Tasks.AsNoTracking().Where(t => t.Assignee == null
            && (t.Status == ReviewStatus.Open || (t.Status == ReviewStatus.AwaitingSecondReview && t.FirstApprover != reviewer)));
        if (!string.IsNullOrWhiteSpace(group))
        {
            query = query.Where(t => t.CandidateGroup == group);
        }

        return query.OrderBy(t => t.DueAt).ThenByDescending(t => t.Priority).ThenBy(t => t.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>The candidate groups and kinds that have open tasks: what a whole-queue approval may be narrowed to.</summary>
    public async Task<(IReadOnlyList<string> Groups, IReadOnlyList<string> Kinds)> OpenGroupsAndKindsAsync(CancellationToken cancellationToken = default)
    {
        var pairs = await db.Tasks.AsNoTracking().Where(t => t.Status == ReviewStatus.Open).Select(t => new { t.CandidateGroup, t.Kind }).Distinct().ToListAsync(cancellationToken);
        return ([.. pairs.Select(p => p.CandidateGroup).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], [.. pairs.Select(p => p.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Every undecided task, for the team lead, earliest due first; optionally one reviewer's or the unassigned ones (<c>-</c>).</summary>
    public Task<List<ReviewTask>> UndecidedAsync(string? assignee, CancellationToken cancellationToken = default)
    {
        var query = db.Tasks.AsNoTracking().Where(t => Undecided.Contains(t.Status));
        if (assignee == "-")
        {
            query = query.Where(t => t.Assignee == null);
        }
        else if (!string.IsNullOrWhiteSpace(assignee))
        {
            query = query.Where(t => t.Assignee == assignee);
        }

        return query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Workload and overdue counts per reviewer (and one line for the tasks nobody holds, reviewer empty).</summary>
    public async Task<IReadOnlyList<ReviewerLoad>> WorkloadAsync(IReadOnlyCollection<string> reviewers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reviewers);
        var now = clock.GetUtcNow();
        var rows = await db.Tasks.AsNoTracking().Where(t => Undecided.Contains(t.Status))
            .GroupBy(t => t.Assignee)
            .Select(g => new
            {
                g.Key,
                Held = g.Count(),
                Overdue = g.Count(t => t.PausedAt == null && t.DueAt < now),
                Waiting = g.Count(t => t.Status == ReviewStatus.WaitingForInformation),
            })
            .ToListAsync(cancellationToken);
        var byName = rows.ToDictionary(r => r.Key ?? "", r => new ReviewerLoad(r.Key ?? "", r.Held, r.Overdue, r.Waiting), StringComparer.Ordinal);
        return reviewers.Append("").Union(byName.Keys, StringComparer.Ordinal)
            .Select(r => byName.GetValueOrDefault(r) ?? new ReviewerLoad(r, 0, 0, 0))
            .OrderBy(r => r.Reviewer.Length == 0).ThenByDescending(r => r.Overdue).ThenBy(r => r.Reviewer, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<TaskView?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var history = await db.TaskEntries.AsNoTracking().Where(e => e.TaskId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var deferral = await db.DeferralApplications.AsNoTracking().FirstOrDefaultAsync(a => a.TaskId == id, cancellationToken);
        var objection = deferral is null ? await db.SizeObjections.AsNoTracking().FirstOrDefaultAsync(o => o.TaskId == id, cancellationToken) : null;
        return new TaskView(task, history, deferral, objection);
    }

    /// <summary>An employer's requests, newest first: what its one place lists.</summary>
    public Task<List<ReviewTask>> OfEmployerAsync(string uscc, CancellationToken cancellationToken = default) =>
        db.Tasks.AsNoTracking().Where(t => t.Uscc == uscc).OrderByDescending(t => t.OpenedAt).ThenByDescending(t => t.Id).Take(PageSize).ToListAsync(cancellationToken);
}
