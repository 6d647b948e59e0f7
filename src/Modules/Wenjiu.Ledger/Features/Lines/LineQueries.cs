using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.KeyEnterprises;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Contracts;

namespace Wenjiu.Ledger.Features.Lines;

/// <summary>The funnel of a line: how many candidates reached each stage (or further), and the stage it is stuck at, if any.</summary>
internal sealed record FunnelView(int Recommended, int Applied, int Interviewed, int Hired, FunnelStage? StuckAt, DateTimeOffset? StuckSince);

/// <summary>A line as the pages and the API show it: with its urgency today, its funnel and whether first contact is overdue.</summary>
internal sealed record LineView(Line Line, decimal Urgency, FunnelView Funnel, DateTimeOffset? FirstContactDue, bool FirstContactOverdue);

internal sealed class LineQueries(LedgerDbContext db, Designations designations, TimeProvider clock) : IDemandLedger
{
    private static readonly FunnelStage[] Stages = [FunnelStage.Recommended, FunnelStage.Applied, FunnelStage.Interviewed, FunnelStage.Hired];

    public Task<Line?> FindAsync(long id, CancellationToken cancellationToken = default) => db.Lines.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);

    /// <summary>
    /// Lines, most urgent first: of one employer (<paramref name="uscc"/>), of one specialist (<paramref name="specialist"/>),
    /// or every line; closed and filled ones only when asked.
    /// </summary>
    public async Task<IReadOnlyList<LineView>> ListAsync(string? uscc, string? specialist, bool includeDone, CancellationToken cancellationToken = default)
    {
        var query = db.Lines.AsNoTracking();
        if (uscc is not null)
        {
            query = query.Where(l => l.Uscc == uscc);
        }

        if (specialist is not null)
        {
            query = query.Where(l => l.Specialist == specialist);
        }

        if (!includeDone)
        {
            query = query.Where(l => l.Status == DemandLineStatus.Open || l.Status == DemandLineStatus.Frozen);
        }

        var lines = await query.ToListAsync(cancellationToken);
        var ids = lines.Select(l => l.Id).ToList();
        var funnel = await db.Funnel.AsNoTracking().Where(f => ids.Contains(f.LineId)).ToListAsync(cancellationToken);
        var byLine = funnel.ToLookup(f => f.LineId);
        return [.. lines.Select(l => View(l, byLine[l.Id])).OrderByDescending(v => v.Line.Status == DemandLineStatus.Open).ThenByDescending(v => v.Urgency).ThenBy(v => v.Line.Id)];
    }

    public async Task<LineView?> ViewAsync(long id, CancellationToken cancellationToken = default)
    {
        var line = await db.Lines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return line is null ? null : View(line, await db.Funnel.AsNoTracking().Where(f => f.LineId == id).ToListAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<LineEvent>> HistoryAsync(long id, CancellationToken cancellationToken = default) =>
        [.. (await db.LineEvents.AsNoTracking().Where(e => e.LineId == id).ToListAsync(cancellationToken)).OrderBy(e => e.At).ThenBy(e => e.Id)];

    private LineView View(Line line, IEnumerable<FunnelEntry> entries)
    {
        var now = clock.GetUtcNow();
        var today = BeijingTime.DayOf(now);
        var list = entries.ToList();
        int Reached(FunnelStage stage) => list.Count(e => e.HiredAt is not null && stage <= FunnelStage.Hired || e.Stage <= FunnelStage.Hired && e.Stage >= stage);

        // Stuck: the oldest candidate still waiting at a stage has waited longer than that stage's target.
        FunnelStage? stuckAt = null;
        DateTimeOffset? stuckSince = null;
        if (line.Status == DemandLineStatus.Open)
        {
            foreach (var entry in list.Where(e => e.HiredAt is null && e.Stage < FunnelStage.Hired).OrderBy(e => e.StageAt))
            {
                if (LedgerRules.StageTarget(entry.Stage, today) is { } target && now - entry.StageAt > target)
                {
                    stuckAt = entry.Stage;
                    stuckSince = entry.StageAt;
                    break;
                }
            }
        }

        var hired = Math.Max(line.Hired, list.Count(e => e.HiredAt is not null));
        var funnel = new FunnelView(Reached(FunnelStage.Recommended), Reached(FunnelStage.Applied), Reached(FunnelStage.Interviewed), hired, stuckAt, stuckSince);
        DateTimeOffset? due = line.AssignedAt is { } assigned ? assigned + LedgerRules.FirstContactTarget(BeijingTime.DayOf(assigned)) : null;
        var overdue = line.Status == DemandLineStatus.Open && line.FirstContactAt is null && due is { } d && now > d;
        return new LineView(line, DemandLines.UrgencyOf(line, today), funnel, due, overdue);
    }

    public async Task<KeyEnterpriseCategory?> KeyCategoryAsync(string uscc, CancellationToken cancellationToken = default) =>
        (await designations.InForceAsync(uscc, BeijingTime.DayOf(clock.GetUtcNow()), cancellationToken))?.Category;

    public async Task<DemandLine?> FindLineAsync(long id, CancellationToken cancellationToken = default) =>
        await ViewAsync(id, cancellationToken) is { } view ? view.Line.ToContract(view.Urgency) : null;

    public async IAsyncEnumerable<DemandLine> OpenLinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var today = BeijingTime.DayOf(clock.GetUtcNow());
        var lines = await db.Lines.AsNoTracking().Where(l => l.Status == DemandLineStatus.Open).ToListAsync(cancellationToken);
        foreach (var line in lines.Select(l => l.ToContract(DemandLines.UrgencyOf(l, today))).OrderByDescending(l => l.Urgency).ThenBy(l => l.Id))
        {
            yield return line;
        }
    }
}
