using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Jobs;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// Imports started from the web run in the background on the platform's job queue (ADR 0008), so that a queued import
/// survives a restart and the page can show progress. The import's own row (counts, rejections) and the job run share an
/// id; the uploaded file is kept in the data directory, which every node that runs imports must share.
/// </summary>
internal sealed class BackgroundImports(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Records a queued run, queues its job, and returns its id at once.</summary>
    public async Task<Guid> EnqueueAsync(ImportKind kind, string storedFilePath, string originalName, string startedBy, CancellationToken cancellationToken = default)
    {
        var run = new ImportRun
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            FileName = originalName,
            Status = ImportStatus.Queued,
            StartedBy = startedBy,
            StartedAt = clock.GetUtcNow(),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await scope.ServiceProvider.GetRequiredService<IJobQueue>()
                .EnqueueAsync(ImportJob.Kind, new ImportJob.Parameters(kind, storedFilePath), startedBy, run.Id, cancellationToken);
        }
        catch
        {
            // No import row that no job will ever run.
            await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        return run.Id;
    }
}

/// <summary>
/// One queued import (<c>registry.import</c>). Safe to run again: the importer writes a run's rows under its id and an
/// attempt starts the file over (ADR 0008), so a retry or a recovery after a crash gives what the first attempt would have.
/// </summary>
internal sealed class ImportJob(RegistryImporter importer) : IQueuedJob
{
    public const string Kind = "registry.import";

    internal sealed record Parameters(ImportKind Kind, string File);

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parameters = run.ParametersAs<Parameters>();
        var outcome = await importer.RunQueuedAsync(run.RunId, parameters.Kind, parameters.File, cancellationToken);
        // Rows read of rows read: the counts are language-neutral; the import's own page says what became of them.
        await run.ReportProgressAsync(outcome.RowsRead, outcome.RowsRead, null, cancellationToken);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"status\":\"{outcome.Status}\",\"rows_read\":{outcome.RowsRead},\"rows_imported\":{outcome.RowsImported},\"rows_rejected\":{outcome.RowsRejected}}}");
    }
}
