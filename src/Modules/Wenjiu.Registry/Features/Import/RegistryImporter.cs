using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>The outcome of one import: how many rows came in, how many were refused, and why the file was refused if it was.</summary>
public sealed record ImportOutcome(Guid RunId, ImportStatus Status, long RowsRead, long RowsImported, long RowsRejected, string? Message);

/// <summary>Imports an interchange file (interchange.md). Interim: replaced by the streaming importer.</summary>
public sealed class RegistryImporter
{
    public Task<ImportOutcome> ImportAsync(ImportKind kind, string filePath, string originalName, string startedBy, CancellationToken cancellationToken = default)
    {
        throw new NotSupportedException($"Import of {kind} from {originalName} ({filePath}) by {startedBy} is not built yet.");
    }

    /// <summary>Runs an import whose <see cref="ImportRun"/> row was already created (queued) by <see cref="BackgroundImports"/>.</summary>
    public Task<ImportOutcome> RunQueuedAsync(Guid runId, ImportKind kind, string filePath, CancellationToken cancellationToken = default)
    {
        throw new NotSupportedException($"Run {runId} of {kind} from {filePath} is not built yet.");
    }
}
