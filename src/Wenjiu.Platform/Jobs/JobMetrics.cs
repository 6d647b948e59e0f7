using System.Diagnostics.Metrics;

namespace Wenjiu.Platform.Jobs;

/// <summary>The jobs' meter (exported with every <c>Wenjiu.*</c> meter): how long each attempt took and how it ended.</summary>
internal sealed class JobMetrics : IDisposable
{
    public const string MeterName = "Wenjiu.Jobs";

    private readonly Meter meter;
    private readonly Histogram<double> duration;

    public JobMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        duration = meter.CreateHistogram<double>("wenjiu.job.duration", unit: "s", description: "How long one attempt of a job took, by kind and outcome.");
    }

    /// <summary>Outcomes: succeeded, failed, retrying, cancelled, interrupted (a node stopping hands the run back).</summary>
    public void Record(string kind, string outcome, TimeSpan elapsed) =>
        duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => meter.Dispose();
}
