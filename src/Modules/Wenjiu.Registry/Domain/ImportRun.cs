using Wenjiu.Registry.Contracts;
namespace Wenjiu.Registry.Domain;

internal enum ImportKind
{
    Employers,
    Employment,
    Contributions,
}

internal enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Refused,
    Failed,
}

/// <summary>One import of an interchange file: its progress while running and its outcome after.</summary>
internal sealed class ImportRun
{
    public Guid Id { get; set; }

    public ImportKind Kind { get; set; }

    public string FileName { get; set; } = "";

    public ImportStatus Status { get; set; }

    /// <summary>Data rows read so far (the header not counted).</summary>
    public long RowsRead { get; set; }

    public long RowsImported { get; set; }

    public long RowsRejected { get; set; }

    /// <summary>Why the whole file was refused or the run failed.</summary>
    public string? Message { get; set; }

    public string StartedBy { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
