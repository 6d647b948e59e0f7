using Microsoft.EntityFrameworkCore;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.LookupPerson;

/// <summary>A user who went over the look-up quota: when first and last refused, and how many look-ups were refused.</summary>
internal sealed record LookupAlert(string Actor, DateTimeOffset FirstRefusedAt, DateTimeOffset LastRefusedAt, int Refused);

/// <summary>
/// The look-up quota's alerts for administrators: who was refused in the last days. Each alert is also a
/// <c>security.alert</c> entry in the audit log; this list reads the registry's own look-up rows.
/// </summary>
internal sealed class LookupAlertsHandler(RegistryDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(7);

    /// <summary>A guessing run refused for hours is still one alert; the newest refusals are enough to group.</summary>
    private const int MaxRowsRead = 10_000;

    public async Task<IReadOnlyList<LookupAlert>> RecentAsync(CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - Period;
        var refused = await db.PersonLookups.AsNoTracking()
            .Where(l => l.Outcome == LookupOutcome.Refused && l.OccurredAtUtc > since)
            .OrderByDescending(l => l.Id)
            .Take(MaxRowsRead)
            .Select(l => new { l.Actor, l.OccurredAtUtc })
            .ToListAsync(cancellationToken);
        return refused
            .GroupBy(l => l.Actor, StringComparer.Ordinal)
            .Select(g => new LookupAlert(g.Key, Utc(g.Min(l => l.OccurredAtUtc)), Utc(g.Max(l => l.OccurredAtUtc)), g.Count()))
            .OrderByDescending(a => a.LastRefusedAt)
            .ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
