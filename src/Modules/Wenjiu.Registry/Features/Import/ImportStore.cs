using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>A slice of the file on its way to the database: the rows that passed their own rules and the rejections of the others.</summary>
internal sealed class ImportBatch(int capacity)
{
    public List<StagedEmployer> Employers { get; } = new(capacity);

    public List<StagedSpell> Spells { get; } = new(capacity);

    public List<StagedContribution> Contributions { get; } = [];

    public List<RowRejection> Rejections { get; } = [];

    /// <summary>Data rows read so far in the file, this batch included.</summary>
    public long RowsRead { get; set; }

    /// <summary>Rows of this batch with at least one rejection.</summary>
    public int RowsRejected { get; set; }
}

/// <summary>What the import did in the end: rows taken into the registry and rows reported, whatever rule refused them.</summary>
internal readonly record struct MergeResult(long RowsImported, long RowsRejected);

/// <summary>
/// Where an import writes. Rows are first staged in the session's own tables (nothing visible to anyone else), then
/// checked set-based across rows and merged into the registry in one transaction at the end. A file refused half-way
/// (bytes that are not UTF-8 on line 8 million) therefore leaves nothing behind.
/// </summary>
internal interface IImportStore : IAsyncDisposable
{
    Task BeginAsync(ImportKind kind, CancellationToken cancellationToken);

    Task StageAsync(ImportBatch batch, CancellationToken cancellationToken);

    /// <summary>Records how far the run has read, for the progress shown while it runs (outside the merge transaction).</summary>
    Task ReportProgressAsync(Guid runId, long rowsRead, CancellationToken cancellationToken);

    /// <summary>Runs the cross-row rules, merges the staged rows, stores the error report and completes the run, atomically.</summary>
    /// <summary>How long each step took (staging, each cross-row rule, each merge statement), for the log.</summary>
    IReadOnlyDictionary<string, TimeSpan> Timings { get; }

    Task<MergeResult> MergeAsync(Guid runId, ImportKind kind, long rowsRead, long rowsRejected, DateTimeOffset now, CancellationToken cancellationToken);
}
