namespace Wenjiu.Recruitment.Domain;

/// <summary>Whether a posting is shown: only an open one is searchable.</summary>
internal enum PostingStatus
{
    Open,
    Closed,
}

/// <summary>Why a posting was closed (the changes feed and the employer's list say it).</summary>
internal enum ClosedReason
{
    None,

    /// <summary>The employer (or staff) switched it off.</summary>
    Switched,

    /// <summary>Not refreshed within the stale period (<see cref="Features.Postings.PostingOptions.StaleAfterDays"/>).</summary>
    Stale,

    /// <summary>Its ledger line was frozen, filled or closed.</summary>
    LineClosed,
}

/// <summary>The least schooling a posting asks, as the national statistics count it.</summary>
internal enum Education
{
    None,
    JuniorMiddle,
    SeniorMiddle,
    Vocational,
    College,
    Bachelor,
    Master,
}

/// <summary>
/// A job posting (招聘岗位): ordinary (an enterprise user for its employer) or published from a key enterprise's ledger
/// line (<see cref="DemandLineId"/>). Codes are the taxonomy's of <see cref="TaxonomyVersion"/>; pay in yuan a month.
/// </summary>
internal sealed class Posting
{
    public long Id { get; set; }

    public required string Uscc { get; set; }

    public required string EmployerName { get; set; }

    public required string TitleZh { get; set; }

    public required string TitleEn { get; set; }

    public string DescriptionZh { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    /// <summary>An occupation code of the taxonomy.</summary>
    public required string Occupation { get; set; }

    /// <summary>Skill codes of the taxonomy, space-separated.</summary>
    public string Skills { get; set; } = "";

    /// <summary>A district code of <c>Wenjiu.Registry.Contracts.Districts</c>.</summary>
    public required string District { get; set; }

    public decimal PayMin { get; set; }

    public decimal PayMax { get; set; }

    public Education Education { get; set; }

    public DateOnly PostedOn { get; set; }

    /// <summary>When the employer last confirmed it (or changed it): staleness counts from here.</summary>
    public DateTimeOffset RefreshedAt { get; set; }

    public PostingStatus Status { get; set; }

    public ClosedReason ClosedReason { get; set; }

    public bool KeyEnterprise { get; set; }

    public long? DemandLineId { get; set; }

    public string TaxonomyVersion { get; set; } = Contracts.OccupationTaxonomy.Version;

    public string CreatedBy { get; set; } = "";

    /// <summary>The enterprise's <c>Idempotency-Key</c> of the request that created it (unique per employer): a retry answers this posting.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// One row per change of a posting, its id the change sequence: every node's index tails it, and
/// <c>GET /api/v1/jobs/changes?since=</c> serves it (JobTech's stream).
/// </summary>
internal sealed class PostingChange
{
    public long Id { get; set; }

    public long PostingId { get; set; }

    public DateTimeOffset At { get; set; }
}
