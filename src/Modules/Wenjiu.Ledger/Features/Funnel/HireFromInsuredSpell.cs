using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Features.Lines;
using Wenjiu.Platform.Events;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Ledger.Features.Funnel;

/// <summary>
/// Hires close lines from insured employment (issue 10 §1.7): a spell started at an employer by a person who is in the
/// funnel of one of that employer's lines (not refused or withdrawn) is a hire for that line — the line the person went
/// furthest in, the oldest first. When the hires reach the headcount the line is filled. A spell of anyone not in a
/// funnel touches no line. Idempotent: a person is hired for a line once.
/// </summary>
internal sealed class HireFromInsuredSpell(LedgerDbContext db, DemandLines lines, TimeProvider clock) : IEventHandler<InsuredSpellStarted>
{
    public async Task HandleAsync(InsuredSpellStarted message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var candidates = await db.Funnel
            .Where(f => f.PersonId == message.PersonId && f.Uscc == message.Uscc && f.Stage != FunnelStage.Refused && f.Stage != FunnelStage.Withdrawn)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0 || candidates.Any(c => c.HiredAt is not null))
        {
            return;
        }

        var lineIds = candidates.Select(c => c.LineId).ToList();
        var open = await db.Lines.Where(l => lineIds.Contains(l.Id) && (l.Status == DemandLineStatus.Open || l.Status == DemandLineStatus.Frozen)).ToListAsync(cancellationToken);
        var entry = candidates.Where(c => open.Any(l => l.Id == c.LineId)).OrderByDescending(c => c.Stage).ThenBy(c => c.LineId).FirstOrDefault();
        if (entry is null)
        {
            return;
        }

        var line = open.First(l => l.Id == entry.LineId);
        entry.HiredAt = clock.GetUtcNow();
        line.Hired++;
        var filled = line.Hired >= line.Headcount;
        if (filled)
        {
            line.Status = DemandLineStatus.Filled;
        }

        await lines.SaveChangeAsync(line, "registry", filled ? "filled" : "hired", $"{message.StartMonth}", cancellationToken);
    }
}
