using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Data;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// An upheld objection changed an employer's size class for the whole policy period (relief-rules.md): every month of
/// the period already assessed is billed by the old class, so each gets a new assessment version, queued as a job (ADR
/// 0008). The job run's id is derived from the delivery and the month, so a redelivered event queues nothing twice.
/// </summary>
internal sealed class ReassessOnReclassification(ReliefDbContext db, IJobQueue jobs) : IEventHandler<EmployerReclassified>
{
    /// <summary>The months the size class fixed on 2020-03-09 governs: the relief windows' span (2020-02 … 2020-12).</summary>
    public static readonly (YearMonth First, YearMonth Last) PolicyPeriod = (new YearMonth(2020, 2), new YearMonth(2020, 12));

    public async Task HandleAsync(EmployerReclassified message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        var (first, last) = PolicyPeriod;
        var months = await db.AssessmentRuns.AsNoTracking()
            .Where(r => r.IsCurrent && r.Month >= first && r.Month <= last)
            .Select(r => r.Month).Distinct().ToListAsync(cancellationToken);
        foreach (var month in months.Order())
        {
            var runId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(delivery.KeyFor($"reassess.{month}")))[..16]);
            if (await jobs.FindAsync(runId, cancellationToken) is null)
            {
                await jobs.EnqueueAsync(AssessmentJob.Kind, new AssessmentJob.Parameters(month.ToString()), message.DecidedBy, runId, cancellationToken);
            }
        }
    }
}
