using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Wenjiu.Platform.Audit;

/// <summary>Writes to the audit log. Every module records its changes and sensitive reads through this.</summary>
public interface IAuditLog
{
    Task RecordAsync(string action, string record, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// For the moments when the request's user is not (yet, or any longer) the one acting: a sign-in attempt,
    /// a second sign-in step, a sign-out. The client address still comes from the request.
    /// </summary>
    Task RecordAsync(string actor, string action, string record, string? details, CancellationToken cancellationToken = default);
}

/// <summary>The result of checking the hash chain: the first entry that does not fit, if any.</summary>
/// <summary>The newest entry of the chain as an operator records it beside a backup: <c>ID:HASH</c>.</summary>
public readonly record struct AuditHead(long EntryId, string Hash)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{EntryId}:{Hash}");

    public static bool TryParse(string? text, out AuditHead head)
    {
        head = default;
        var parts = text?.Split(':', 2);
        if (parts is not [var id, var hash] || !long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var entryId) || hash.Length == 0)
        {
            return false;
        }

        head = new AuditHead(entryId, hash);
        return true;
    }
}

/// <summary>What keying an old chain did: how many entries were re-hashed, or the check that stopped it.</summary>
public sealed record AuditKeying(long EntriesKeyed, AuditVerification? Refused);

public sealed record AuditVerification(long EntriesChecked, long? FirstBrokenEntryId, string? Problem, AuditHead? Newest = null)
{
    public bool IsIntact => FirstBrokenEntryId is null;
}

internal sealed class AuditLog(PlatformDbContext db, TimeProvider clock, IHttpContextAccessor http, AuditChainKey key, AuditBatch batch) : IAuditLog
{
    // One writer at a time inside this process; PostgreSQL adds an advisory lock so that several nodes chain too.
    // The writer writes every entry waiting in its host's AuditBatch at once (group commit).
    private static readonly SemaphoreSlim Writer = new(1, 1);
    private const long ChainLockKey = 0x5745_4E4A_4955; // "WENJIU"

    public Task RecordAsync(string action, string record, string? details = null, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        var actor = context?.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name ?? "?" : context is null ? "system" : "anonymous";
        return RecordAsync(actor, action, record, details, cancellationToken);
    }

    public async Task RecordAsync(string actor, string action, string record, string? details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var context = http.HttpContext;
        var entry = new AuditEntry
        {
            OccurredAt = Truncate(clock.GetUtcNow()),
            // Column limits: an attempt may carry whatever a stranger typed as a user name.
            Actor = actor.Length > 256 ? actor[..256] : actor,
            Action = action,
            Record = record.Length > 200 ? record[..200] : record,
            ClientAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Details = details,
        };

        // Group commit: the entry joins this host's queue; whoever holds the writer writes every entry queued by then,
        // chained in order, in one transaction, and completes each caller's wait. A caller returns only after the
        // transaction holding its entry committed (or with its error), as when each entry had a transaction of its own.
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingEntry(entry);
        batch.Enqueue(pending);
        // Not cancellable once queued: an entry of an abandoned request is still written (by this caller or the next).
        await Writer.WaitAsync(CancellationToken.None);
        try
        {
            while (!pending.Written.Task.IsCompleted)
            {
                await WriteQueuedAsync();
            }
        }
        finally
        {
            Writer.Release();
        }

        await pending.Written.Task;
    }

    /// <summary>Writes what is queued (under <see cref="Writer"/>). Not cancellable: the entries are other callers' too.</summary>
    private async Task WriteQueuedAsync()
    {
        var entries = batch.Drain();
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", CancellationToken.None);
            }

            var previous = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(CancellationToken.None) ?? "";
            foreach (var pending in entries)
            {
                var entry = pending.Entry;
                entry.PreviousHash = previous;
                entry.HashVersion = AuditEntry.KeyedVersion;
                entry.Hash = ComputeKeyedHash(entry, key);
                previous = entry.Hash;
                db.AuditEntries.Add(entry);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception failure)
        {
            foreach (var pending in entries)
            {
                db.Entry(pending.Entry).State = EntityState.Detached;
                pending.Written.TrySetException(failure);
            }

            return;
        }

        foreach (var pending in entries)
        {
            db.Entry(pending.Entry).State = EntityState.Detached;
            pending.Written.TrySetResult();
        }
    }

    /// <summary>PostgreSQL keeps microseconds; hashing at that precision makes the stored entry re-hash the same.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>The chain's first formula (hash version 1): plain SHA-256, which anyone can recompute after an edit.</summary>
    internal static string ComputeHash(AuditEntry entry) => Convert.ToHexStringLower(SHA256.HashData(Canonical(entry)));

    /// <summary>Hash version 2: HMAC-SHA256 of the same fields under a key kept outside the database.</summary>
    internal static string ComputeKeyedHash(AuditEntry entry, AuditChainKey key) => Convert.ToHexStringLower(key.Sign(Canonical(entry)));

    private static byte[] Canonical(AuditEntry entry) => Encoding.UTF8.GetBytes(string.Join('\u001f',
        entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        entry.Actor, entry.Action, entry.Record, entry.ClientAddress ?? "", entry.Details ?? "", entry.PreviousHash));

    /// <summary>
    /// Upgrades a chain written before it was keyed (hash version 1) to keyed hashes, once, when the database is migrated.
    /// A chain that is already broken is not re-keyed (that would launder the edit): the upgrade stops and says where.
    /// </summary>
    internal static async Task<AuditKeying> KeyUnkeyedEntriesAsync(PlatformDbContext db, AuditChainKey key, CancellationToken cancellationToken)
    {
        if (!await db.AuditEntries.AnyAsync(e => e.HashVersion != AuditEntry.KeyedVersion, cancellationToken))
        {
            return new AuditKeying(0, null);
        }

        await Writer.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
            }

            var check = await VerifyAsync(db, key, cancellationToken, recordedHead: null, acceptUnkeyed: true);
            if (!check.IsIntact)
            {
                return new AuditKeying(0, check);
            }

            var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
            var previous = "";
            long keyed = 0;
            foreach (var entry in entries)
            {
                entry.PreviousHash = previous;
                var hash = ComputeKeyedHash(entry, key);
                if (entry.HashVersion != AuditEntry.KeyedVersion || hash != entry.Hash)
                {
                    // The log refuses changes through the ORM (PlatformDbContext); this one rewrite is the exception.
                    await db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(
                        s => s.SetProperty(e => e.PreviousHash, previous).SetProperty(e => e.Hash, hash).SetProperty(e => e.HashVersion, AuditEntry.KeyedVersion),
                        cancellationToken);
                    keyed++;
                }

                previous = hash;
            }

            await transaction.CommitAsync(cancellationToken);
            return new AuditKeying(keyed, null);
        }
        finally
        {
            Writer.Release();
        }
    }

    /// <summary>Walks the chain in order and names the first entry whose hash or link does not hold.</summary>
    /// <param name="recordedHead">The newest entry recorded earlier (with a backup): removing entries after the last one
    /// leaves no broken link, so only a head kept outside the database shows that the newest entries were taken.</param>
    /// <param name="acceptUnkeyed">Only for the upgrade: checks version-1 entries by their plain hash instead of refusing them.</param>
    internal static async Task<AuditVerification> VerifyAsync(PlatformDbContext db, AuditChainKey key, CancellationToken cancellationToken, AuditHead? recordedHead = null, bool acceptUnkeyed = false)
    {
        var previous = "";
        long? previousId = null;
        long count = 0;
        string? recordedHash = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (entry.PreviousHash != previous)
            {
                // Ids come from a sequence, so a gap before a broken link shows which entries were taken out.
                var firstMissing = (previousId ?? 0) + 1;
                if (firstMissing < entry.Id)
                {
                    var missing = firstMissing == entry.Id - 1 ? $"entry {firstMissing} was" : $"entries {firstMissing} to {entry.Id - 1} were";
                    return new AuditVerification(count, firstMissing, $"{missing} removed: entry {entry.Id} links to a hash no remaining entry has");
                }

                // No gap: the previous entry matched its own hash, so it was altered and its hash recomputed.
                return previousId is null
                    ? new AuditVerification(count, entry.Id, $"entry {entry.Id} is first but links to an earlier entry: entries before it were removed")
                    : new AuditVerification(count, previousId, $"entry {previousId} was altered and re-hashed: entry {entry.Id} no longer links to it");
            }

            if (entry.HashVersion != AuditEntry.KeyedVersion && !acceptUnkeyed)
            {
                // A plain hash anyone could have recomputed: after the upgrade (migrate) no entry has one.
                return new AuditVerification(count, entry.Id, $"entry {entry.Id} has an unkeyed hash (version {entry.HashVersion}): it was written or rewritten without the chain's key (run 'migrate' once after upgrading to key an old chain)");
            }

            if ((entry.HashVersion == AuditEntry.KeyedVersion ? ComputeKeyedHash(entry, key) : ComputeHash(entry)) != entry.Hash)
            {
                return new AuditVerification(count, entry.Id, $"entry {entry.Id} was altered: its content no longer matches its hash");
            }

            previous = entry.Hash;
            previousId = entry.Id;
            if (entry.Id == recordedHead?.EntryId)
            {
                recordedHash = entry.Hash;
            }
        }

        var newest = previousId is { } last ? new AuditHead(last, previous) : (AuditHead?)null;
        if (recordedHead is { } head)
        {
            if (recordedHash is null)
            {
                var newestText = newest is { } n ? $"the newest remaining is entry {n.EntryId}" : "no entry remains";
                return new AuditVerification(count, (previousId ?? 0) + 1, $"entry {head.EntryId}, recorded as the newest, is gone: the entries after entry {previousId ?? 0} were removed ({newestText})", newest);
            }

            if (!string.Equals(recordedHash, head.Hash, StringComparison.OrdinalIgnoreCase))
            {
                return new AuditVerification(count, head.EntryId, $"entry {head.EntryId} is not the entry recorded as the newest: its hash is {recordedHash}, the record says {head.Hash}", newest);
            }
        }

        return new AuditVerification(count, null, null, newest);
    }
}

/// <summary>An entry waiting for the writer, and its caller's wait.</summary>
internal sealed class PendingEntry(AuditEntry entry)
{
    public AuditEntry Entry { get; } = entry;

    public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The entries waiting to be chained, one queue per host (a singleton: each host has its own database), so that at 200
/// audited requests a second they are written a transaction per batch instead of one each (the writer is one at a time).
/// </summary>
internal sealed class AuditBatch
{
    /// <summary>More waiting entries than this go in the next transaction.</summary>
    public const int MaxEntries = 500;

    private readonly Lock gate = new();
    private readonly List<PendingEntry> waiting = [];

    public void Enqueue(PendingEntry entry)
    {
        lock (gate)
        {
            waiting.Add(entry);
        }
    }

    public List<PendingEntry> Drain()
    {
        lock (gate)
        {
            var count = Math.Min(waiting.Count, MaxEntries);
            var taken = waiting.GetRange(0, count);
            waiting.RemoveRange(0, count);
            return taken;
        }
    }
}
