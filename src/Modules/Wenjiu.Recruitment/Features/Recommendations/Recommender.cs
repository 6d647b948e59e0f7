using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Search;

namespace Wenjiu.Recruitment.Features.Recommendations;

/// <summary>How the occupation matched: the seeker's main wanted one, another wanted one, or one of the same major group.</summary>
internal enum OccupationMatch
{
    Main,
    Wanted,
    Related,
}

/// <summary>One weighted part of a score (each value 0–1), so that the score can be added up by whoever reads it.</summary>
internal sealed record ScorePart(string Name, decimal Value, decimal Weight);

/// <summary>
/// Why a posting is recommended to a seeker, or a seeker to a demand line: the occupation match, the must-have skills met
/// and missing, the nice-to-have skills met, the distance between the districts, the pay fit, the schooling, the
/// key-enterprise boost and the parts of the score. Score = factors × Σ(weight × part) + boost.
/// </summary>
internal sealed record Explanation(
    string Occupation, OccupationMatch OccupationMatch, IReadOnlyList<string> MustHaveMet, IReadOnlyList<string> MustHaveMissing,
    IReadOnlyList<string> NiceToHaveMet, decimal? DistanceKm, decimal AskedPayMin, decimal OfferedPayMin, decimal OfferedPayMax, bool PayMet,
    bool? EducationMet, decimal Factor, decimal KeyBoost, IReadOnlyList<ScorePart> Parts);

internal sealed record JobRecommendation(
    long PostingId, string TitleZh, string TitleEn, string Uscc, string Employer, string District, decimal PayMin, decimal PayMax,
    bool KeyEnterprise, long? DemandLineId, decimal Score, Explanation Why);

internal sealed record CandidateRecommendation(long SeekerId, long PersonId, string MaskedName, SeekerKind Kind, string District, Education Education, decimal Score, Explanation Why);

/// <summary>
/// Recommendations both ways (issue 10 §3): postings for a seeker and candidates for a key enterprise's demand line. A
/// pool comes from an index (this node's Lucene index for postings; <c>seeker_occupations</c> for seekers, nearest
/// districts first), then every member is scored by <see cref="RecommendationOptions"/> and explained. A seeker's list
/// holds at most <see cref="RecommendationOptions.PerEmployerCap"/> postings of one employer, and key-enterprise postings
/// gain at most <see cref="RecommendationOptions.KeyBoostCap"/>, with at most a share of the list owed to that boost.
/// </summary>
internal sealed class Recommender(RecruitmentDbContext db, JobIndex index, IDemandLedger ledger, IOptions<RecommendationOptions> options)
{
    private readonly RecommendationOptions o = options.Value;

    /// <summary>The best <paramref name="top"/> open postings for the seeker, or null when there is no such seeker.</summary>
    public async Task<IReadOnlyList<JobRecommendation>?> ForSeekerAsync(long seekerId, int top, CancellationToken cancellationToken = default)
    {
        var seeker = await db.Seekers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == seekerId, cancellationToken);
        if (seeker is null)
        {
            return null;
        }

        var wanted = Codes(seeker.WantedOccupations);
        var groups = wanted.Select(OccupationTaxonomy.FindOccupation).OfType<Occupation>().Select(x => x.MajorGroup).ToHashSet();
        var weights = new List<(string, float)>();
        weights.AddRange(wanted.Select((code, rank) => (code, rank == 0 ? 3f : 2f)));
        weights.AddRange(OccupationTaxonomy.Occupations.Where(x => groups.Contains(x.MajorGroup) && !wanted.Contains(x.Code)).Select(x => (x.Code, 0.5f)));
        var skills = Codes(seeker.Skills).ToHashSet(StringComparer.Ordinal);
        // Nearest first; a seeker without a known district gets the pool from the whole city.
        var districts = DistrictDistance.Km(seeker.District, seeker.District) is null ? [] : DistrictDistance.ByDistanceFrom(seeker.District);
        var ids = index.RecommendationPool(weights, districts, skills, o.Pool);
        if (ids.Count == 0)
        {
            return [];
        }

        // What the scoring reads, without the descriptions (most of a posting's bytes).
        var postings = await db.Postings.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Status == PostingStatus.Open)
            .Select(p => new Posting
            {
                Id = p.Id, Uscc = p.Uscc, EmployerName = p.EmployerName, TitleZh = p.TitleZh, TitleEn = p.TitleEn, Occupation = p.Occupation, Skills = p.Skills,
                District = p.District, PayMin = p.PayMin, PayMax = p.PayMax, Education = p.Education, KeyEnterprise = p.KeyEnterprise, DemandLineId = p.DemandLineId,
            })
            .ToListAsync(cancellationToken);
        var lines = new Dictionary<long, DemandLine?>();
        foreach (var lineId in postings.Where(p => p.DemandLineId is not null).Select(p => p.DemandLineId!.Value).Distinct())
        {
            lines[lineId] = await ledger.FindLineAsync(lineId, cancellationToken);
        }

        var scored = postings.Select(p =>
        {
            var line = p.DemandLineId is { } l ? lines.GetValueOrDefault(l) : null;
            var must = line?.MustHaveSkills ?? [];
            var nice = line?.NiceToHaveSkills ?? Codes(p.Skills);
            var match = wanted.Count > 0 && wanted[0] == p.Occupation ? OccupationMatch.Main : wanted.Contains(p.Occupation) ? OccupationMatch.Wanted : OccupationMatch.Related;
            var boost = line is { Status: DemandLineStatus.Open } ? o.KeyBoostCap : p.KeyEnterprise ? o.KeyBoostCap / 2 : 0m;
            var why = Explain(p.Occupation, match, must, nice, skills, seeker.District, p.District, seeker.PayMin, p.PayMin, p.PayMax, seeker.Education >= p.Education, boost);
            return (Posting: p, Why: why, Base: Total(why) - why.KeyBoost);
        }).ToList();

        // The list is filled best first; an employer's third posting waits, and postings that make the list only by their
        // key-enterprise boost take at most a share of it.
        var threshold = scored.Select(s => s.Base).OrderDescending().Skip(top - 1).FirstOrDefault();
        var boostedRoom = (int)Math.Floor(top * o.KeyBoostedShareCap);
        var perEmployer = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<JobRecommendation>(top);
        foreach (var s in scored.OrderByDescending(s => Total(s.Why)).ThenBy(s => s.Posting.Id))
        {
            if (list.Count == top)
            {
                break;
            }

            if (perEmployer.GetValueOrDefault(s.Posting.Uscc) >= o.PerEmployerCap)
            {
                continue;
            }

            if (s.Why.KeyBoost > 0 && s.Base < threshold)
            {
                if (boostedRoom == 0)
                {
                    continue;
                }

                boostedRoom--;
            }

            perEmployer[s.Posting.Uscc] = perEmployer.GetValueOrDefault(s.Posting.Uscc) + 1;
            var p = s.Posting;
            list.Add(new JobRecommendation(p.Id, p.TitleZh, p.TitleEn, p.Uscc, p.EmployerName, p.District, p.PayMin, p.PayMax, p.KeyEnterprise, p.DemandLineId, Total(s.Why), s.Why));
        }

        return list;
    }

    /// <summary>The best <paramref name="top"/> seekers for the demand line, names masked, or null when there is no such line.</summary>
    public async Task<IReadOnlyList<CandidateRecommendation>?> ForLineAsync(long lineId, int top, CancellationToken cancellationToken = default)
    {
        var line = await ledger.FindLineAsync(lineId, cancellationToken);
        if (line is null)
        {
            return null;
        }

        var pool = new List<SeekerOccupation>();
        foreach (var districts in DistrictDistance.ByDistanceFrom(line.District).Chunk(4))
        {
            var need = o.Pool - pool.Count;
            if (need <= 0)
            {
                break;
            }

            // Within a ring of districts, a stable order that differs by line, so that the same few seekers are not
            // everyone's first candidates.
            pool.AddRange(await db.SeekerOccupations.AsNoTracking()
                .Where(x => x.Occupation == line.Occupation && districts.Contains(x.District))
                .OrderBy(x => ((x.SeekerId * 7919) + lineId) % 1009).ThenBy(x => x.SeekerId)
                .Take(need).ToListAsync(cancellationToken));
        }

        var ids = pool.Select(x => x.SeekerId).ToList();
        var seekers = await db.Seekers.AsNoTracking().Where(s => ids.Contains(s.Id) && s.OpenToRecommendations).ToListAsync(cancellationToken);
        var rank = pool.ToDictionary(x => x.SeekerId, x => x.Rank);
        var boost = o.KeyBoostCap;
        return [.. seekers.Select(s =>
            {
                var why = Explain(
                    line.Occupation, rank.GetValueOrDefault(s.Id) == 0 ? OccupationMatch.Main : OccupationMatch.Wanted, line.MustHaveSkills, line.NiceToHaveSkills,
                    Codes(s.Skills).ToHashSet(StringComparer.Ordinal), s.District, line.District, s.PayMin, line.PayMin, line.PayMax, null, 0m);
                return new CandidateRecommendation(s.Id, s.PersonId, Masking.Name(s.Name), s.Kind, s.District, s.Education, Total(why), why);
            })
            .OrderByDescending(c => c.Score).ThenBy(c => c.SeekerId).Take(top)];
    }

    private Explanation Explain(
        string occupation, OccupationMatch match, IReadOnlyList<string> must, IReadOnlyList<string> nice, HashSet<string> has, string fromDistrict,
        string toDistrict, decimal askedMin, decimal offeredMin, decimal offeredMax, bool? educationMet, decimal boost)
    {
        var mustMet = must.Where(has.Contains).ToList();
        var mustMissing = must.Where(s => !has.Contains(s)).ToList();
        var niceMet = nice.Where(s => has.Contains(s) && !must.Contains(s)).ToList();
        var asked = must.Union(nice).Count();
        var skillsPart = asked == 0 ? 0.5m : Round((decimal)(mustMet.Count + niceMet.Count) / asked);
        var km = DistrictDistance.Km(fromDistrict, toDistrict);
        var distancePart = km is { } d ? Round((decimal)Math.Pow(0.5, (double)(d / o.DistanceHalfKm))) : 0.5m;
        var payMet = offeredMax >= askedMin;
        var payPart = payMet || askedMin <= 0 ? 1m : Math.Max(0m, Round(1m - ((1m - (offeredMax / askedMin)) * 3m)));
        var occupationPart = match switch { OccupationMatch.Main => 1m, OccupationMatch.Wanted => 0.8m, _ => 0.4m };
        var factor = 1m;
        for (var i = 0; i < mustMissing.Count; i++)
        {
            factor *= o.MissingMustHaveFactor;
        }

        if (educationMet == false)
        {
            factor *= o.EducationShortFactor;
        }

        return new Explanation(
            occupation, match, mustMet, mustMissing, niceMet, km, askedMin, offeredMin, offeredMax, payMet, educationMet, Round(factor), boost,
            [
                new ScorePart("occupation", occupationPart, o.OccupationWeight),
                new ScorePart("skills", skillsPart, o.SkillsWeight),
                new ScorePart("distance", distancePart, o.DistanceWeight),
                new ScorePart("pay", payPart, o.PayWeight),
            ]);
    }

    /// <summary>The score an explanation adds up to, to four places.</summary>
    internal static decimal Total(Explanation why) => Round((why.Factor * why.Parts.Sum(p => p.Value * p.Weight)) + why.KeyBoost);

    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static List<string> Codes(string spaced) => [.. spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
}
