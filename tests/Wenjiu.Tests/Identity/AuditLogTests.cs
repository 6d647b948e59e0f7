using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Database;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Web.CommandLine;

namespace Wenjiu.Tests.Identity;

public sealed class AuditLogTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_finds_an_untouched_log_intact(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await RecordAsync(factory, 3);

        var (status, output) = await VerifyAsync(factory);

        Assert.Equal(0, status);
        Assert.Contains("intact: 3 entries", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_names_an_entry_edited_in_the_database(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 4);
        await ExecuteAsync(factory, $"UPDATE {factory.Table("platform", "audit_entries")} SET actor = 'someone-else' WHERE id = {ids[2]}");

        var (status, output) = await VerifyAsync(factory);

        Assert.Equal(1, status);
        Assert.Contains($"broken at entry {ids[2]}: entry {ids[2]} was altered", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_names_an_entry_removed_from_the_database(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 4);
        await ExecuteAsync(factory, $"DELETE FROM {factory.Table("platform", "audit_entries")} WHERE id = {ids[1]}");

        var (status, output) = await VerifyAsync(factory);

        Assert.Equal(1, status);
        Assert.Contains($"broken at entry {ids[1]}: entry {ids[1]} was removed", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_names_an_entry_edited_and_re_hashed(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 3);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == ids[0]);
            entry.Action = "covered.up";
            await ExecuteAsync(factory, $"UPDATE {factory.Table("platform", "audit_entries")} SET action = 'covered.up', hash = '{AuditLog.ComputeHash(entry)}' WHERE id = {ids[0]}");
        }

        var (status, output) = await VerifyAsync(factory);

        Assert.Equal(1, status);
        Assert.Contains($"broken at entry {ids[0]}", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_with_the_recorded_newest_entry_finds_the_newest_entries_removed(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 4);
        var head = await RecordedHeadAsync(factory);
        await ExecuteAsync(factory, $"DELETE FROM {factory.Table("platform", "audit_entries")} WHERE id = {ids[3]}");
        await ExecuteAsync(factory, $"DELETE FROM {factory.Table("platform", "audit_entries")} WHERE id = {ids[2]}");

        var (plainStatus, _) = await VerifyAsync(factory);
        var (status, output) = await VerifyAsync(factory, head);

        Assert.Equal($"{ids[3]}:", head[..(head.IndexOf(':', StringComparison.Ordinal) + 1)]);
        Assert.Equal(0, plainStatus);
        Assert.Equal(1, status);
        Assert.Contains($"broken at entry {ids[2]}: entry {ids[3]}, recorded as the newest, is gone: the entries after entry {ids[1]} were removed", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_with_the_recorded_newest_entry_finds_an_intact_log_that_grew_since(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var ids = await RecordAsync(factory, 2);
        var head = await RecordedHeadAsync(factory);
        await RecordAsync(factory, 2);

        var (status, output) = await VerifyAsync(factory, head);
        var (forgedStatus, forged) = await VerifyAsync(factory, $"{ids[1]}:{new string('0', 64)}");

        Assert.Equal(0, status);
        Assert.Contains($"intact: 4 entries checked, entry {ids[1]} recorded as the newest is still there", output, StringComparison.Ordinal);
        Assert.Equal(1, forgedStatus);
        Assert.Contains($"entry {ids[1]} is not the entry recorded as the newest", forged, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Audit_verify_refuses_a_recorded_head_that_is_not_id_and_hash_and_says_what_it_expects(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await RecordAsync(factory, 1);

        var (status, output) = await VerifyAsync(factory, "newest");

        Assert.Equal(2, status);
        Assert.Contains("--head 'newest' is not ID:HASH as audit verify prints it", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_platform_refuses_to_change_or_remove_an_audit_entry(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await RecordAsync(factory, 2);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        entries[0].Details = "changed";
        db.AuditEntries.Remove(entries[1]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entries_recorded_at_once_by_many_requests_are_each_written_once_and_chain_intact(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        // 40 requests, each with its own scope (as 40 API calls): they share transactions (group commit), not entries.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync("test.concurrent", $"test:{i}", $"entry {i}");
        }));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var records = await db.AuditEntries.Where(e => e.Action == "test.concurrent").Select(e => e.Record).ToListAsync();
            Assert.Equal(Enumerable.Range(0, 40).Select(i => $"test:{i}").Order(StringComparer.Ordinal), records.Order(StringComparer.Ordinal));
        }

        var (status, output) = await VerifyAsync(factory);
        Assert.Equal(0, status);
        Assert.Contains("intact", output, StringComparison.Ordinal);
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

    private static async Task<(int Status, string Output)> VerifyAsync(WenjiuFactory factory, string? head = null)
    {
        using var output = new StringWriter();
        var status = await AuditCommand.VerifyAsync(factory.Services, output, output, CancellationToken.None, head);
        return (status, output.ToString());
    }

    /// <summary>The <c>ID:HASH</c> an operator copies from verify's "Newest entry" line to keep with a backup.</summary>
    private static async Task<string> RecordedHeadAsync(WenjiuFactory factory)
    {
        var (_, output) = await VerifyAsync(factory);
        return output.Split('\n').Single(l => l.StartsWith("Newest entry: ", StringComparison.Ordinal))["Newest entry: ".Length..].Split(' ')[0];
    }

    private static async Task ExecuteAsync(WenjiuFactory factory, string sql) => Assert.Equal(1, await factory.ExecuteSqlAsync(sql));
}
