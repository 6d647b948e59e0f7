using Wenjiu.Platform;
using Wenjiu.Platform.Audit;

namespace Wenjiu.Web.CommandLine;

/// <summary><c>audit verify</c>: walk the hash chain and name the first entry that was altered or removed (exit 1).</summary>
internal static class AuditCommand
{
    public static async Task<int> VerifyAsync(IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken, string? recordedHead = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        AuditHead? head = null;
        if (recordedHead is not null)
        {
            if (!AuditHead.TryParse(recordedHead, out var parsed))
            {
                await errors.WriteLineAsync($"--head '{recordedHead}' is not ID:HASH as audit verify prints it (e.g. 1042:9f86d081…).");
                return 2;
            }

            head = parsed;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var result = await AuditLog.VerifyAsync(db, scope.ServiceProvider.GetRequiredService<AuditChainKey>(), cancellationToken, head);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"Audit log intact: {result.EntriesChecked} entries checked{(head is null ? "" : $", entry {head.Value.EntryId} recorded as the newest is still there")}.");
            if (result.Newest is { } newest)
            {
                await output.WriteLineAsync($"Newest entry: {newest}  (keep it with the backup; 'audit verify --head {newest}' later proves no entry up to it was removed)");
            }

            return 0;
        }

        await errors.WriteLineAsync($"Audit log broken at entry {result.FirstBrokenEntryId}: {result.Problem}");
        return 1;
    }
}
