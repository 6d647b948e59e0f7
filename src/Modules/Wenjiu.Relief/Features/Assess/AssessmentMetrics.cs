using System.Diagnostics.Metrics;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// The relief module's meter (exported with every <c>Wenjiu.*</c> meter at <c>/metrics</c>, ADR 0013): employers and
/// insured people assessed, and how long a month's assessment took. Employers per second is
/// <c>rate(wenjiu_assessment_employers_total[5m])</c>.
/// </summary>
internal sealed class AssessmentMetrics
{
    public const string MeterName = "Wenjiu.Relief";

    private readonly Counter<long> employers;
    private readonly Counter<long> insured;
    private readonly Histogram<double> duration;

    public AssessmentMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        employers = meter.CreateCounter<long>("wenjiu.assessment.employers", "{employer}", "Employers whose month was assessed.");
        insured = meter.CreateCounter<long>("wenjiu.assessment.insured", "{person}", "Insured people billed by the assessments.");
        duration = meter.CreateHistogram<double>("wenjiu.assessment.duration", "s", "How long a month's assessment took.");
    }

    public void Record(AssessmentStatus status, long employersAssessed, long insuredBilled, TimeSpan elapsed)
    {
        employers.Add(employersAssessed);
        insured.Add(insuredBilled);
        duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
    }
}
