using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Domain;
using Wenjiu.Platform.Events;
using Wenjiu.Recruitment.Contracts;

namespace Wenjiu.Ledger.Features.Funnel;

/// <summary>
/// Counts a line's funnel from recruitment's <see cref="FunnelStageReached"/> (ADR 0009): one entry per candidate, moved
/// to the stage the event names unless it holds a later event already. Idempotent: a redelivered or older event changes
/// nothing. An event for an ordinary posting (no line) or an unknown line is ignored. Recruitment's "hired" is the
/// employer's word: it moves the funnel, the line's hires come only from insured employment (<see cref="HireFromInsuredSpell"/>).
/// </summary>
internal sealed class CountFunnelStages(LedgerDbContext db) : IEventHandler<FunnelStageReached>
{
    public async Task HandleAsync(FunnelStageReached message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.DemandLineId is not { } lineId || !await db.Lines.AnyAsync(l => l.Id == lineId, cancellationToken))
        {
            return;
        }

        var entry = await db.Funnel.FirstOrDefaultAsync(f => f.CandidateId == message.CandidateId, cancellationToken);
        if (entry is null)
        {
            db.Funnel.Add(new FunnelEntry
            {
                LineId = lineId, CandidateId = message.CandidateId, PersonId = message.PersonId, Uscc = message.Uscc, Stage = message.Stage, StageAt = message.At,
            });
        }
        else if (message.At > entry.StageAt)
        {
            entry.Stage = message.Stage;
            entry.StageAt = message.At;
        }
        else
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
