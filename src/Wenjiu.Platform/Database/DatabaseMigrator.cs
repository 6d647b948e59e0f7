using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Modules;

namespace Wenjiu.Platform.Database;

/// <summary>
/// Applies every module's migrations, in dependency order, and tells whether any are pending. The modules are those
/// that registered their DbContext with <see cref="ModuleParts.AddModuleDatabase{TContext}"/>.
/// </summary>
public static class DatabaseMigrator
{
    private static IEnumerable<DbContext> Contexts(IServiceProvider services) => services.ModuleDatabases();

    public static async Task MigrateAsync(IServiceProvider root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        await using var scope = root.CreateAsyncScope();
        foreach (var context in Contexts(scope.ServiceProvider))
        {
            if (context.Database.IsSqlite())
            {
                var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(context.Database.GetConnectionString());
                if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } directory)
                {
                    Directory.CreateDirectory(directory);
                }
            }

            await context.Database.MigrateAsync(cancellationToken);
        }

        // SQLite in its default rollback journal lets a reader block a writer's commit: the assessment streams the
        // registry on one connection while it writes bills on another, and waited out the busy timeout ("database is
        // locked") when the machine was slow. Write-ahead logging lets readers and the one writer go on together; the
        // mode is kept in the database file, so setting it once here is enough.
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        if (platform.Database.IsSqlite())
        {
            await platform.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // A chain written before the audit log was keyed (hash version 1) is keyed once, now (ADR 0003).
        var keying = await Audit.AuditLog.KeyUnkeyedEntriesAsync(
            scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), root.GetRequiredService<Audit.AuditChainKey>(), cancellationToken);
        if (keying.Refused is { } refused)
        {
            throw new InvalidOperationException(
                $"The audit log was not keyed: it is broken at entry {refused.FirstBrokenEntryId} ({refused.Problem}). Keying it now would hide that; restore it from a backup first.");
        }
    }

    public static async Task<IReadOnlyList<string>> PendingAsync(IServiceProvider scoped, CancellationToken cancellationToken = default)
    {
        var pending = new List<string>();
        foreach (var context in Contexts(scoped))
        {
            pending.AddRange(await context.Database.GetPendingMigrationsAsync(cancellationToken));
        }

        return pending;
    }
}
