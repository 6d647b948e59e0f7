using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>The outcome of one import: how many rows came in, how many were refused, and why the file was refused if it was.</summary>
internal sealed record ImportOutcome(Guid RunId, ImportStatus Status, long RowsRead, long RowsImported, long RowsRejected, string? Message);

/// <summary>
/// Imports an interchange file (docs/interchange.md) so that nothing is lost: every row is imported or
/// reported, valid rows go in even when others fail, a second import of the same file changes nothing, and a file
/// that is not what it claims is refused whole with nothing written. One thread reads the file, checkers (one per
/// core) apply the rules of a row (hashing and encrypting the identity number is the costly part) and the writer
/// stages the checked batches; the queues between them are bounded, so memory stays flat whatever the file's size.
/// </summary>
internal sealed class RegistryImporter(
    RegistryDbContext db,
    DatabaseOptions database,
    SmeSizeStandard sizeStandard,
    PersonalDataProtector protector,
    IAuditLog audit,
    TimeProvider clock,
    ImportMetrics metrics,
    ILogger<RegistryImporter> logger)
{
    public const string AuditAction = "registry.import";

    /// <summary>Rows per slice handed from the reader to a checker, and so per batch handed to the writer: large enough
    /// for COPY to stream, small enough to stay flat.</summary>
    internal const int SliceSize = 10_000;

    /// <summary>
    /// One checker per core; the reader and the writer mostly wait on them and on the database. Slices of 10,000 rows keep
    /// the rows in flight (at most a slice per checker queued, one being checked per checker, two checked batches
    /// queued) to a few tens of MB.
    /// </summary>
    private static readonly int Checkers = Math.Max(1, Environment.ProcessorCount);

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task<ImportOutcome> ImportAsync(ImportKind kind, string filePath, string originalName, string startedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(originalName);
        var run = new ImportRun
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            FileName = Path.GetFileName(originalName),
            Status = ImportStatus.Running,
            StartedBy = startedBy,
            StartedAt = clock.GetUtcNow(),
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await RunAsync(run.Id, kind, filePath, run.FileName, startedBy, cancellationToken);
    }

    /// <summary>Runs an import whose <see cref="ImportRun"/> row was already created (queued) by <see cref="BackgroundImports"/>.</summary>
    public async Task<ImportOutcome> RunQueuedAsync(Guid runId, ImportKind kind, string filePath, CancellationToken cancellationToken = default)
    {
        var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImportStatus.Running), cancellationToken);
        return await RunAsync(runId, kind, filePath, run.FileName, run.StartedBy, cancellationToken);
    }

    private async Task<ImportOutcome> RunAsync(Guid runId, ImportKind kind, string filePath, string originalName, string startedBy, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        ImportOutcome outcome;
        try
        {
            outcome = await ImportFileAsync(runId, kind, filePath, originalName, cancellationToken);
        }
        catch (ImportRefusedException refused)
        {
            outcome = new ImportOutcome(runId, ImportStatus.Refused, 0, 0, 0, refused.Message);
            await FinishAsync(outcome, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(new ImportOutcome(runId, ImportStatus.Failed, 0, 0, 0, ImportMessages.Of("cancelled")), CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogError(ex, "Import {RunId} of {File} failed", runId, originalName);
            outcome = new ImportOutcome(runId, ImportStatus.Failed, 0, 0, 0, ImportMessages.Of("failed", ex.Message));
            await FinishAsync(outcome, CancellationToken.None);
        }

        metrics.Record(kind, outcome, watch.Elapsed);
        logger.LogInformation(
            "Import {RunId} of {Kind} file {File}: {Status}, {Read} rows read, {Imported} imported, {Rejected} rejected in {Seconds:F1} s",
            runId, kind, originalName, outcome.Status, outcome.RowsRead, outcome.RowsImported, outcome.RowsRejected, watch.Elapsed.TotalSeconds);
        await audit.RecordAsync(
            AuditAction,
            $"import_run:{runId}",
            string.Create(CultureInfo.InvariantCulture, $"{kind} file {originalName} by {startedBy}: {outcome.Status}; {outcome.RowsRead} read, {outcome.RowsImported} imported, {outcome.RowsRejected} rejected{(outcome.Message is null ? "" : "; " + outcome.Message.Replace(ImportMessages.Separator, ' '))}"),
            CancellationToken.None);
        return outcome;
    }

    private async Task<ImportOutcome> ImportFileAsync(Guid runId, ImportKind kind, string filePath, string originalName, CancellationToken cancellationToken)
    {
        var registered = kind is ImportKind.Employment or ImportKind.Contributions
            ? (await db.Employers.AsNoTracking().Select(e => e.Uscc).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : null;
        var rules = new RowRules(sizeStandard, protector, registered);
        var rows = Channel.CreateBounded<RowSlice>(new BoundedChannelOptions(Checkers) { SingleWriter = true });
        var batches = Channel.CreateBounded<ImportBatch>(new BoundedChannelOptions(2) { SingleReader = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => Read(filePath, originalName, InterchangeColumns.For(kind), rows.Writer, stopReading.Token), CancellationToken.None);
        var checking = Task.WhenAll(Enumerable.Range(0, Checkers).Select(_ => Task.Run(() => CheckAsync(kind, rules, rows.Reader, batches.Writer, stopReading.Token), CancellationToken.None)));
        _ = checking.ContinueWith(
            done => batches.Writer.TryComplete(done.Exception?.InnerException),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        await using var store = Store();
        long rowsRead = 0, rowsRejected = 0, reported = 0;
        var lastReport = Stopwatch.StartNew();
        try
        {
            await store.BeginAsync(kind, cancellationToken);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                await store.StageAsync(batch, cancellationToken);
                rowsRead = Math.Max(rowsRead, batch.RowsRead); // checkers finish their slices in any order
                rowsRejected += batch.RowsRejected;
                if (rowsRead - reported >= 50_000 || lastReport.Elapsed >= ProgressInterval)
                {
                    await store.ReportProgressAsync(runId, rowsRead, cancellationToken);
                    reported = rowsRead;
                    lastReport.Restart();
                }
            }
        }
        catch
        {
            // The writer gave up (database gone, cancelled): release the reader, which may be waiting for room.
            await stopReading.CancelAsync();
            throw;
        }
        finally
        {
            // Wait for the reader and the checkers in every case, so the file is closed before we return.
            await Task.WhenAll(reading, checking).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        rowsRead = await reading; // a refusal found by the reader surfaces here too
        var result = await store.MergeAsync(runId, kind, rowsRead, rowsRejected, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Import {RunId} steps: {Steps}", runId, string.Join(", ", store.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value.TotalSeconds:F1} s"))));
        return new ImportOutcome(runId, ImportStatus.Completed, rowsRead, result.RowsImported, result.RowsRejected, null);
    }

    /// <summary>Parses the file into slices of rows for the checkers; returns how many data rows it read.</summary>
    private static long Read(string filePath, string originalName, IReadOnlyList<string> columns, ChannelWriter<RowSlice> output, CancellationToken cancellationToken)
    {
        try
        {
            var slice = new List<SourceRow>(SliceSize);
            long rowsRead = 0;
            foreach (var row in InterchangeReader.Read(filePath, originalName, columns))
            {
                rowsRead++;
                slice.Add(row);
                if (slice.Count == SliceSize)
                {
                    Write(output, new RowSlice([.. slice], rowsRead), cancellationToken);
                    slice.Clear();
                }
            }

            if (slice.Count > 0)
            {
                Write(output, new RowSlice([.. slice], rowsRead), cancellationToken);
            }

            output.Complete();
            return rowsRead;
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Applies the rules of a row to each slice and hands the staged rows and the rejections to the writer.</summary>
    private static async Task CheckAsync(ImportKind kind, RowRules rules, ChannelReader<RowSlice> input, ChannelWriter<ImportBatch> output, CancellationToken cancellationToken)
    {
        await foreach (var slice in input.ReadAllAsync(cancellationToken))
        {
            var batch = new ImportBatch(slice.Rows.Length) { RowsRead = slice.RowsRead };
            foreach (var row in slice.Rows)
            {
                var before = batch.Rejections.Count;
                if (kind == ImportKind.Employers)
                {
                    if (rules.Employer(row, batch.Rejections) is { } employer)
                    {
                        batch.Employers.Add(employer);
                    }
                }
                else if (kind == ImportKind.Contributions)
                {
                    if (rules.Contribution(row, batch.Rejections) is { } contribution)
                    {
                        batch.Contributions.Add(contribution);
                    }
                }
                else if (rules.Spell(row, batch.Rejections) is { } spell)
                {
                    batch.Spells.Add(spell);
                }

                if (batch.Rejections.Count > before)
                {
                    batch.RowsRejected++;
                }
            }

            // The writer is at most two batches behind; waiting here is what keeps memory flat.
            await output.WriteAsync(batch, cancellationToken);
        }
    }

    private static void Write(ChannelWriter<RowSlice> output, RowSlice slice, CancellationToken cancellationToken)
    {
        if (!output.TryWrite(slice))
        {
            output.WriteAsync(slice, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    private IImportStore Store()
    {
        var connectionString = db.Database.GetConnectionString() ?? database.ConnectionString;
        return database.IsPostgres ? new PostgresImportStore(connectionString) : new SqliteImportStore(connectionString);
    }

    private async Task FinishAsync(ImportOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.ImportRuns.Where(r => r.Id == outcome.RunId).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.Status, outcome.Status)
                .SetProperty(r => r.Message, outcome.Message)
                .SetProperty(r => r.RowsRead, 0)
                .SetProperty(r => r.RowsImported, 0)
                .SetProperty(r => r.RowsRejected, 0)
                .SetProperty(r => r.FinishedAt, now),
            cancellationToken);
    }
}

/// <summary>Consecutive rows of the file and how many data rows the file had up to the last of them.</summary>
internal sealed record RowSlice(SourceRow[] Rows, long RowsRead);
