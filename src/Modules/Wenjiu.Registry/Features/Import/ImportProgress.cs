using System.Text;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>A run's state for the status page and the API, with the first rejections.</summary>
public sealed record ImportProgressView(ImportRun Run, IReadOnlyList<ImportRejection> FirstRejections)
{
    public bool IsFinished => Run.Status is ImportStatus.Completed or ImportStatus.Refused or ImportStatus.Failed;
}

/// <summary>Reads import runs and streams their error reports.</summary>
public sealed class ImportProgressHandler(RegistryDbContext db)
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

    /// <summary>
    /// The error report as interchange.md promises it: <c>line,column,value,reason</c>, RFC 4180 quoting, UTF-8 with a
    /// BOM (so that a spreadsheet opens the Chinese text right). Rows are streamed from the database as they are
    /// written, so a report of a million rejections never sits in memory.
    /// </summary>
    public async Task WriteErrorReportAsync(Guid id, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true);
        await writer.WriteAsync("line,column,value,reason\r\n");
        var rows = db.ImportRejections.AsNoTracking().Where(r => r.ImportRunId == id).OrderBy(r => r.Line).ThenBy(r => r.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',', row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), Quote(row.Column), Quote(row.Value), Quote(row.Reason)));
            await writer.WriteAsync("\r\n");
        }

        await writer.FlushAsync(cancellationToken);
    }

    internal static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
