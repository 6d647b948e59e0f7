using Microsoft.EntityFrameworkCore;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Features.Recommendations;

/// <summary>
/// Keeps <c>recruitment.seeker_occupations</c> (one row per wanted occupation of each seeker open to recommendations)
/// in step with the seekers: row by row after a profile changes, set-based after a bulk load.
/// </summary>
internal sealed class SeekerMatchIndex(RecruitmentDbContext db)
{
    /// <summary>Replaces these seekers' rows from their profiles (none for a seeker closed to recommendations).</summary>
    public async Task SyncAsync(IReadOnlyCollection<long> seekerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seekerIds);
        foreach (var chunk in seekerIds.Distinct().Chunk(500))
        {
            await db.SeekerOccupations.Where(o => chunk.Contains(o.SeekerId)).ExecuteDeleteAsync(cancellationToken);
            var seekers = await db.Seekers.AsNoTracking().Where(s => chunk.Contains(s.Id) && s.OpenToRecommendations)
                .Select(s => new { s.Id, s.District, s.WantedOccupations }).ToListAsync(cancellationToken);
            foreach (var s in seekers)
            {
                var codes = s.WantedOccupations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
                db.SeekerOccupations.AddRange(codes.Select((code, rank) => new SeekerOccupation { Occupation = code, District = s.District, SeekerId = s.Id, Rank = rank }));
            }

            await db.SaveChangesAsync(cancellationToken);

            // Only these rows leave the change tracker: the caller's seeker stays tracked in the shared context.
            foreach (var entry in db.ChangeTracker.Entries<SeekerOccupation>().ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>Rebuilds the whole table from the seekers in one statement (after a bulk load); how many rows.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await db.SeekerOccupations.ExecuteDeleteAsync(cancellationToken);
        return db.Database.IsNpgsql()
            ? await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO recruitment.seeker_occupations (occupation, district, seeker_id, rank)
                SELECT o.code, s.district, s.id, o.ord - 1
                FROM recruitment.seekers s CROSS JOIN LATERAL unnest(string_to_array(s.wanted_occupations, ' ')) WITH ORDINALITY AS o(code, ord)
                WHERE s.open_to_recommendations AND o.code <> ''
                ON CONFLICT DO NOTHING
                """, cancellationToken)
            : await db.Database.ExecuteSqlRawAsync(
                """
                INSERT OR IGNORE INTO recruitment_seeker_occupations (occupation, district, seeker_id, rank)
                SELECT j.value, s.district, s.id, j.key
                FROM recruitment_seekers s, json_each('["' || replace(s.wanted_occupations, ' ', '","') || '"]') j
                WHERE s.open_to_recommendations AND j.value <> ''
                """, cancellationToken);
    }
}
