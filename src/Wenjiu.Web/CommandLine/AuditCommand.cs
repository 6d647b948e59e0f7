using Wenjiu.Platform;
using Wenjiu.Platform.Audit;

namespace Wenjiu.Web.CommandLine;

/// <summary><c>audit verify</c>: walk the hash chain and name the first entry that was altered or removed (exit 1).</summary>
internal static class AuditCommand
{
    public static async Task<int> VerifyAsync(IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var result = await AuditLog.VerifyAsync(db, cancellationToken);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"Audit log intact: {result.EntriesChecked} entries checked.");
            return 0;
        }

        await errors.WriteLineAsync($"Audit log broken at entry {result.FirstBrokenEntryId}: {result.Problem}");
        return 1;
    }
}
