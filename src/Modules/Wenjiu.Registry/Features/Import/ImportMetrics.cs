using System.Diagnostics.Metrics;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// The registry's meter (exported with every <c>Wenjiu.*</c> meter at <c>/metrics</c>, ADR 0013): rows imported and
/// rejected per kind of file, and how long an import took. Rows per second is
/// <c>rate(wenjiu_import_rows_total[5m])</c>, or per run <c>wenjiu_import_rows_total / wenjiu_import_duration_seconds_sum</c>.
/// </summary>
internal sealed class ImportMetrics
{
    public const string MeterName = "Wenjiu.Registry";

    private readonly Counter<long> rows;
    private readonly Histogram<double> duration;

    public ImportMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        rows = meter.CreateCounter<long>("wenjiu.import.rows", "{row}", "Rows of interchange files imported or rejected.");
        duration = meter.CreateHistogram<double>("wenjiu.import.duration", "s", "How long an import took, from start to its outcome.");
    }

    public void Record(ImportKind kind, ImportOutcome outcome, TimeSpan elapsed)
    {
        var file = new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant());
        rows.Add(outcome.RowsImported, file, new("outcome", "imported"));
        rows.Add(outcome.RowsRejected, file, new("outcome", "rejected"));
        duration.Record(elapsed.TotalSeconds, file, new("status", outcome.Status.ToString().ToLowerInvariant()));
    }
}
