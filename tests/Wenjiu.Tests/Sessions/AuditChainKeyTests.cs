using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Web.CommandLine;

namespace Wenjiu.Tests.Sessions;

/// <summary>The audit chain is keyed (HMAC, key outside the database): recomputing the plain chain after an edit is found.</summary>
public sealed class AuditChainKeyTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_entry_edited_with_the_plain_chain_recomputed_after_it_fails_verify_naming_the_entry(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 4);

        // What someone with write access to the database can do: change entry 2 and recompute every hash after it.
        await RewriteChainAsync(factory, fromId: ids[1], edit: entry => entry.Actor = "someone-else", version: AuditEntry.KeyedVersion);

        var (status, output) = await VerifyAsync(factory);
        Assert.Equal(1, status);
        Assert.Contains($"broken at entry {ids[1]}: entry {ids[1]} was altered", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_chain_marked_unkeyed_fails_verify_so_the_key_cannot_be_stepped_around(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 3);
        await RewriteChainAsync(factory, fromId: ids[0], edit: entry => entry.Details = "nothing to see", version: 1);

        var (status, output) = await VerifyAsync(factory);

        Assert.Equal(1, status);
        Assert.Contains($"broken at entry {ids[0]}: entry {ids[0]} has an unkeyed hash", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_chain_written_before_keying_is_keyed_by_migrate_and_then_verifies_intact(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 3);
        await RewriteChainAsync(factory, fromId: ids[0], edit: _ => { }, version: 1);
        var (before, _) = await VerifyAsync(factory);

        await Wenjiu.Platform.Database.DatabaseMigrator.MigrateAsync(factory.Services);

        var (status, output) = await VerifyAsync(factory);
        Assert.Equal(1, before);
        Assert.Equal(0, status);
        Assert.Contains("intact: 3 entries", output, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.True(await db.AuditEntries.AllAsync(e => e.HashVersion == AuditEntry.KeyedVersion));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_broken_chain_written_before_keying_is_not_keyed_and_stays_broken(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 3);
        await RewriteChainAsync(factory, fromId: ids[0], edit: _ => { }, version: 1);
        await ExecuteAsync(factory, "UPDATE {0} SET actor = 'someone-else' WHERE id = " + ids[1]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Wenjiu.Platform.Database.DatabaseMigrator.MigrateAsync(factory.Services));

        Assert.Contains($"broken at entry {ids[1]}", failure.Message, StringComparison.Ordinal);
        var (status, _) = await VerifyAsync(factory);
        Assert.Equal(1, status);
    }

    private static async Task<List<long>> RecordAsync(WenjiuFactory factory, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 0; i < count; i++)
        {
            await audit.RecordAsync("test.recorded", $"test:{i}", $"entry {i}");
        }

        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    /// <summary>Rewrites entries from <paramref name="fromId"/> on with plain SHA-256 hashes (the unkeyed formula), by SQL.</summary>
    private static async Task RewriteChainAsync(WenjiuFactory factory, long fromId, Action<AuditEntry> edit, int version)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var table = ModuleDatabase.QualifiedTable(PlatformDbContext.Module, "audit_entries", db.Database.IsSqlite());
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var previous = "";
        foreach (var entry in entries)
        {
            if (entry.Id >= fromId)
            {
                if (entry.Id == fromId)
                {
                    edit(entry);
                }

                entry.PreviousHash = previous;
                entry.Hash = AuditLog.ComputeHash(entry);
#pragma warning disable EF1003 // Only the platform's own table name is put into the SQL; every value is a parameter.
                await db.Database.ExecuteSqlRawAsync(
                    "UPDATE " + table + " SET actor = {0}, details = {1}, previous_hash = {2}, hash = {3}, hash_version = {4} WHERE id = {5}",
                    entry.Actor, entry.Details ?? "", entry.PreviousHash, entry.Hash, version, entry.Id);
#pragma warning restore EF1003
            }

            previous = entry.Hash;
        }
    }

    private static async Task ExecuteAsync(WenjiuFactory factory, string sqlWithTable)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var table = ModuleDatabase.QualifiedTable(PlatformDbContext.Module, "audit_entries", db.Database.IsSqlite());
#pragma warning disable EF1003 // The SQL is the test's own constant with the platform's table name in it; nothing comes from outside.
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sqlWithTable.Replace("{0}", table, StringComparison.Ordinal)));
#pragma warning restore EF1003
    }

    private static async Task<(int Status, string Output)> VerifyAsync(WenjiuFactory factory)
    {
        using var output = new StringWriter();
        var status = await AuditCommand.VerifyAsync(factory.Services, output, output, CancellationToken.None);
        return (status, output.ToString());
    }
}
