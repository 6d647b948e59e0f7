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
}
