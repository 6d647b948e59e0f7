using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// Imports started from the web run in the background so that the page can show progress. The run's row is the
/// state (queued, running, done) that every node can read; the file itself is kept in the node's data directory.
/// </summary>
internal sealed class BackgroundImports(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly Channel<ImportRun> pending = Channel.CreateUnbounded<ImportRun>();

    /// <summary>Records a queued run and hands it to the background worker; returns its id at once.</summary>
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
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        await pending.Writer.WriteAsync(new ImportRun { Id = run.Id, Kind = kind, FileName = storedFilePath, StartedBy = startedBy }, cancellationToken);
        return run.Id;
    }

    internal ChannelReader<ImportRun> Reader => pending.Reader;
}

/// <summary>Runs queued imports one at a time (imports are write-heavy; two at once would only contend).</summary>
internal sealed class ImportWorker(BackgroundImports queue, IServiceScopeFactory scopes, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
                await importer.RunQueuedAsync(job.Id, job.Kind, job.FileName, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Import {RunId} failed", job.Id);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                await db.ImportRuns.Where(r => r.Id == job.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Status, ImportStatus.Failed).SetProperty(r => r.Message, ImportMessages.Of("failed", ex.Message)), stoppingToken);
            }
        }
    }
}
