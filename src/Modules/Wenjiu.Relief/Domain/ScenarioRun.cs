using Wenjiu.Platform.Periods;

namespace Wenjiu.Relief.Domain;

/// <summary>One run of a scenario over a range of months for the whole population.</summary>
internal sealed class ScenarioRun
{
    public Guid Id { get; set; }

    public Guid ScenarioId { get; set; }

    public YearMonth FirstMonth { get; set; }

    public YearMonth LastMonth { get; set; }

    public AssessmentStatus Status { get; set; }

    public string RuleSetVersion { get; set; } = "";

    public string StartedBy { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Months finished so far, for live progress.</summary>
    public int MonthsDone { get; set; }

    public string? Message { get; set; }
}
