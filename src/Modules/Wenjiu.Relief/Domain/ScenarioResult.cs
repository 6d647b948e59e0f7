using Wenjiu.Platform.Periods;

namespace Wenjiu.Relief.Domain;

/// <summary>A scenario's totals for one month and report class, beside the baseline's for the same population.</summary>
internal sealed class ScenarioResult
{
    public Guid ScenarioRunId { get; set; }

    public YearMonth Month { get; set; }

    public string ReportClass { get; set; } = "";

    public int Employers { get; set; }

    public int Insured { get; set; }

    public decimal BaselineEmployerDue { get; set; }

    public decimal BaselineEmployerRelief { get; set; }

    public decimal BaselineEmployerPayable { get; set; }

    public decimal ScenarioEmployerDue { get; set; }

    public decimal ScenarioEmployerRelief { get; set; }

    public decimal ScenarioEmployerPayable { get; set; }
}
