namespace Wenjiu.Recruitment.Features.Recommendations;

/// <summary>
/// The recommender's weights and caps (<c>Recruitment:Recommendations</c>). Not policy: tuning, measured by
/// <c>bench/recommend</c> (precision, recall and district coverage on a held-out synthetic funnel).
/// </summary>
internal sealed class RecommendationOptions
{
    public const string Section = "Recruitment:Recommendations";

    /// <summary>How many postings (or seekers) the index (or table) proposes before the full scoring.</summary>
    public int Pool { get; set; } = 300;

    /// <summary>At most this many of one employer's postings in one seeker's list (fair exposure).</summary>
    public int PerEmployerCap { get; set; } = 2;

    /// <summary>The most a key enterprise's posting (or a demand line) gains from being key, on the 0–1 score.</summary>
    public decimal KeyBoostCap { get; set; } = 0.10m;

    /// <summary>At most this share of one list may be there by a key-enterprise boost it would not have made without.</summary>
    public decimal KeyBoostedShareCap { get; set; } = 0.5m;

    /// <summary>Kilometres at which the distance part halves.</summary>
    public decimal DistanceHalfKm { get; set; } = 15m;

    public decimal OccupationWeight { get; set; } = 0.35m;

    public decimal SkillsWeight { get; set; } = 0.25m;

    public decimal DistanceWeight { get; set; } = 0.20m;

    public decimal PayWeight { get; set; } = 0.20m;

    /// <summary>What each missing must-have skill leaves of the score (multiplied once per missing skill).</summary>
    public decimal MissingMustHaveFactor { get; set; } = 0.3m;

    /// <summary>What a posting asking more schooling than the seeker has leaves of the score.</summary>
    public decimal EducationShortFactor { get; set; } = 0.3m;
}
