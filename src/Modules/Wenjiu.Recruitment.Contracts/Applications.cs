using Wenjiu.Platform.Events;

namespace Wenjiu.Recruitment.Contracts;

/// <summary>The funnel a demand line's ledger follows: recommended → applied → interviewed → hired (and the two exits).</summary>
public enum FunnelStage
{
    Recommended,
    Applied,
    Interviewed,
    Hired,
    Refused,
    Withdrawn,
}

/// <summary>
/// A candidate moved along a posting's pipeline. The ledger counts its lines' funnels from these; a hire here is the
/// employer's word, the line closes only from insured employment (the registry's spell).
/// </summary>
/// <param name="CandidateId">Recruitment's id of the application or recommendation.</param>
/// <param name="PersonId">The registry's person number (identity numbers stay in the registry).</param>
/// <param name="DemandLineId">The ledger's line the posting came from; null for an ordinary posting.</param>
/// <param name="AgencyUscc">The HR service agency that recommended the candidate, if any (its placements feed the agency subsidy).</param>
public sealed record FunnelStageReached(
    long CandidateId, long PostingId, long? DemandLineId, string Uscc, long PersonId, FunnelStage Stage, string? AgencyUscc, DateTimeOffset At) : IDomainEvent
{
    public static string EventType => "recruitment.funnel_stage_reached";
}

/// <summary>
/// The recruitment module's bulk path for the synthetic city's labour market (issue 10 §6): <c>seed</c> generates
/// <c>postings.csv</c> and <c>seekers.csv</c> beside the registry's files and hands them here. A posting keeps the file's
/// id (the id the API answers) and status (staleness rules never change a seeded posting at load).
/// </summary>
public interface IMarketFiles
{
    Task<(long Postings, long Seekers)> LoadAsync(string postingsPath, string seekersPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Demo mode: the seekers file alone into a database that may hold seekers already (the demo account's), once: nothing
    /// when file seekers are there; otherwise the file's ids follow the highest id held. Answers how many were loaded.
    /// </summary>
    Task<long> LoadDemoSeekersAsync(string seekersPath, CancellationToken cancellationToken = default);
}

/// <summary>A seeker recommended for a demand line, as the ledger's page shows it: the name masked, the reasons in brief.</summary>
/// <param name="Kind">The seeker's kind, snake case (<c>graduate</c>, <c>migrant_worker</c>, …).</param>
/// <param name="Score">0–1.1: the recommender's score (its parts are in <c>GET /api/v1/demand-lines/{id}/candidates</c>).</param>
public sealed record LineCandidate(long SeekerId, string MaskedName, string Kind, string District, decimal Score, IReadOnlyList<string> MustHaveMet, IReadOnlyList<string> MustHaveMissing, decimal? DistanceKm, bool PayMet);

/// <summary>Recruitment's candidates for a key enterprise's demand line (issue 10 §3), for the ledger's line page.</summary>
public interface ILineCandidates
{
    /// <summary>The best <paramref name="top"/> seekers for the line, or null when the line is unknown. Every list is audited.</summary>
    Task<IReadOnlyList<LineCandidate>?> ForLineAsync(long lineId, int top, CancellationToken cancellationToken = default);
}
