using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.Import;

/// <summary>A run's state for the status page and the API, with the first rejections.</summary>
internal sealed record ImportProgressView(ImportRun Run, IReadOnlyList<ImportRejection> FirstRejections)
{
    public bool IsFinished => Run.Status is ImportStatus.Completed or ImportStatus.Refused or ImportStatus.Failed;
}

/// <summary>Reads import runs and streams their error reports.</summary>
internal sealed class ImportProgressHandler(RegistryDbContext db, IStringLocalizer<RegistryText> text)
{
    public const int FirstRejectionCount = 20;
    public const int RecentRunCount = 20;

    public async Task<ImportProgressView?> FindAsync(Guid id, bool withRejections, CancellationToken cancellationToken = default)
    {
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var rejections = withRejections
            ? await db.ImportRejections.AsNoTracking().Where(r => r.ImportRunId == id)
                .OrderBy(r => r.Line).ThenBy(r => r.Id).Take(FirstRejectionCount).ToListAsync(cancellationToken)
            : [];
        return new ImportProgressView(run, rejections);
    }

    public async Task<IReadOnlyList<ImportRun>> RecentAsync(CancellationToken cancellationToken = default) =>
        await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(RecentRunCount).ToListAsync(cancellationToken);

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.ImportRuns.AnyAsync(r => r.Id == id, cancellationToken);

    /// <summary>The error report (<see cref="ImportReport"/>) in the reader's language.</summary>
    public Task WriteErrorReportAsync(Guid id, Stream output, CancellationToken cancellationToken = default) =>
        ImportReport.WriteCsvAsync(db, id, output, text, cancellationToken);
}
