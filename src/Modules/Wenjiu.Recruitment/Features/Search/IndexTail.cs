using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Jobs;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Features.Search;

/// <summary>
/// Keeps this node's index fresh by tailing the postings' change sequence, and rebuilds it from the database. Changes
/// younger than the settle time are read again at the next poll (a transaction may commit after a later sequence
/// number), so the committed cursor trails them; applying a change twice is harmless (replace by id).
/// </summary>
internal sealed class IndexTail(RecruitmentDbContext db, JobIndex index, TimeProvider clock, IOptions<SearchOptions> options)
{
    private const int Batch = 2000;
    private const int RebuildBatch = 5000;

    /// <summary>Applies the changes after the index's cursor; how many changes it read.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var cursor = index.Cursor;
        var settledBefore = clock.GetUtcNow() - options.Value.SettleTime;
        var read = 0;
        while (true)
        {
            var changes = await db.PostingChanges.AsNoTracking().Where(c => c.Id > cursor).OrderBy(c => c.Id).Take(Batch)
                .Select(c => new { c.Id, c.PostingId, c.At }).ToListAsync(cancellationToken);
            if (changes.Count == 0)
            {
                return read;
            }

            read += changes.Count;
            var ids = changes.Select(c => c.PostingId).Distinct().ToList();
            var postings = await db.Postings.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
            var gone = ids.Except(postings.Select(p => p.Id)).ToList();
            var settled = changes.TakeWhile(c => c.At < settledBefore).LastOrDefault()?.Id;
            index.Apply(postings, gone, settled ?? cursor);
            if (settled is null || changes.Count < Batch || settled != changes[^1].Id)
            {
                return read;
            }

            cursor = settled.Value;
        }
    }

    /// <summary>Empties this node's index and loads every open posting from the database; how many.</summary>
    public async Task<int> RebuildAsync(Func<int, Task>? progress, CancellationToken cancellationToken)
    {
        var settledBefore = clock.GetUtcNow() - options.Value.SettleTime;
        var cursor = await db.PostingChanges.Where(c => c.At < settledBefore).MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        index.Clear();
        var loaded = 0;
        // The next batch is read from the database while this one is analysed (bench/search: the rebuild of a million
        // postings within 5 minutes).
        var next = ReadOpenAsync(0, cancellationToken);
        while (true)
        {
            var batch = await next;
            if (batch.Count == 0)
            {
                break;
            }

            next = ReadOpenAsync(batch[^1].Id, cancellationToken);
            index.Load(batch);
            loaded += batch.Count;
            if (progress is not null)
            {
                await progress(loaded);
            }
        }

        index.FinishRebuild(cursor);
        return loaded;
    }

    private Task<List<Posting>> ReadOpenAsync(long after, CancellationToken cancellationToken) =>
        db.Postings.AsNoTracking().Where(p => p.Status == PostingStatus.Open && p.Id > after).OrderBy(p => p.Id).Take(RebuildBatch).ToListAsync(cancellationToken);
}

/// <summary>The per-node tail: rebuilds a new (empty) index first, then reads the change sequence every poll interval.</summary>
internal sealed class IndexTailService(IServiceScopeFactory scopes, JobIndex index, IOptions<SearchOptions> options, ILogger<IndexTailService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var tail = scope.ServiceProvider.GetRequiredService<IndexTail>();
                if (index.IsNew)
                {
                    await tail.RebuildAsync(null, stoppingToken);
                }

                await tail.CatchUpAsync(stoppingToken);
                failures = 0;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                // The database is away or not migrated yet: try again at the next poll, told about once a minute.
                if (failures++ % 60 == 0)
                {
                    logger.LogWarning(e, "The search index could not read the postings' changes ({Failures} attempts in a row)", failures);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Rebuilds the index of the node that runs it from the database (platform jobs; `jobs` page or API).</summary>
internal sealed class RebuildIndexJob(IndexTail tail) : IQueuedJob
{
    public const string Kind = "recruitment.rebuild-index";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var loaded = await tail.RebuildAsync(n => run.ReportProgressAsync(n, null, null, cancellationToken), cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{{\"indexed\":{loaded}}}");
    }
}
