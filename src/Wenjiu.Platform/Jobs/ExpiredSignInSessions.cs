using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Wenjiu.Platform.Jobs;

/// <summary>
/// Every hour, removes sign-in sessions that can no longer be used: expired, or opened under a security stamp the user
/// has since moved on from, or of a disabled user. A sign-in sweeps them too, but a quiet night has no sign-ins, and a
/// session row holds a user's claims, which should not be kept longer than they can be used. Scheduled by an interval
/// trigger on the shared store, so on a cluster each hour's sweep runs on one node.
/// </summary>
internal sealed class ExpiredSignInSessions(PlatformDbContext db, TimeProvider clock) : IQueuedJob
{
    public const string Kind = "platform.expired-sign-ins";

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var removed = await db.SignInSessions
            .Where(s => s.ExpiresAt < now || !db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == s.SecurityStamp && u.DisabledAt == null))
            .ExecuteDeleteAsync(cancellationToken);
        await run.ReportProgressAsync(removed, removed, null, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{{\"removed\":{removed}}}");
    }
}
