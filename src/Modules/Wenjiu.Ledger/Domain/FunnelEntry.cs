using Wenjiu.Recruitment.Contracts;

namespace Wenjiu.Ledger.Domain;

/// <summary>A candidate in a line's funnel (from recruitment's <c>FunnelStageReached</c>): the furthest stage reached and since when.</summary>
internal sealed class FunnelEntry
{
    public long Id { get; set; }

    public long LineId { get; set; }

    public long CandidateId { get; set; }

    public long PersonId { get; set; }

    public string Uscc { get; set; } = "";

    public FunnelStage Stage { get; set; }

    public DateTimeOffset StageAt { get; set; }

    /// <summary>When the registry's spell at the employer made the candidate a hire of the line (null: not hired from insured employment).</summary>
    public DateTimeOffset? HiredAt { get; set; }
}
