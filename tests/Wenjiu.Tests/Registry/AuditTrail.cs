using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

internal static class AuditTrail
{
    public static async Task<List<AuditEntry>> EntriesAsync(WenjiuFactory factory, string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }
}
