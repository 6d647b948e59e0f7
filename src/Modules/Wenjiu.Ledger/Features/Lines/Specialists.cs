using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Domain;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Ledger.Features.Lines;

/// <summary>Which districts each service specialist covers and how many open lines they can carry (set by a team lead).</summary>
internal sealed class Specialists(LedgerDbContext db, TimeProvider clock)
{
    public async Task<(Specialist? Specialist, FieldErrors Errors)> SetAsync(string? userName, IReadOnlyList<string>? districts, int? capacity, string by, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 256)
        {
            errors.Add("user_name", "required");
        }

        var codes = (districts ?? []).Select(d => d.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.FirstOrDefault(d => !Districts.IsKnown(d)) is { } unknown)
        {
            errors.Add("districts", $"unknown: {unknown} is not a district code of the city");
        }

        if (capacity is not (>= 1 and <= 1000))
        {
            errors.Add("capacity", "out of range: a whole number of lines from 1 to 1000");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var name = userName!.Trim();
        var specialist = await db.Specialists.FindAsync([name], cancellationToken);
        if (specialist is null)
        {
            specialist = new Specialist { UserName = name };
            db.Specialists.Add(specialist);
        }

        specialist.Districts = string.Join(',', codes);
        specialist.Capacity = capacity!.Value;
        specialist.UpdatedBy = by;
        specialist.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return (specialist, errors);
    }

    public async Task<IReadOnlyList<(Specialist Specialist, int Open)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var specialists = await db.Specialists.AsNoTracking().OrderBy(s => s.UserName).ToListAsync(cancellationToken);
        var loads = await db.Lines.Where(l => l.Specialist != null && l.Status == Contracts.DemandLineStatus.Open)
            .GroupBy(l => l.Specialist!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. specialists.Select(s => (s, loads.GetValueOrDefault(s.UserName)))];
    }
}
