using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Files;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Files;

/// <summary>Issue 8 §6: the file store (ADR 0011): content by its own bytes, capped, hashed, owned, audited, kept by retention.</summary>
public sealed class FileStoreTests
{
    private static readonly byte[] PdfBytes = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    /// <summary>The first bytes of a Windows program (the DOS header's "MZ" and its stub message).</summary>
    private static readonly byte[] ProgramBytes = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8.ToArray()];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_pdf_with_a_png_name_is_stored_as_pdf(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        var result = await StoreAsync(factory, PdfBytes, "scan.png", "someone");

        Assert.True(result.Stored, result.Refusal?.Message);
        Assert.Equal("application/pdf", result.File!.ContentType);
        Assert.Equal("scan.png", result.File.FileName);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_executable_renamed_pdf_is_refused_naming_the_reason(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);

        var result = await StoreAsync(factory, ProgramBytes, "invoice.pdf", "someone");

        Assert.False(result.Stored);
        Assert.Equal(FileRefusalReason.Program, result.Refusal!.Reason);
        Assert.Contains("Windows PE", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_over_the_cap_is_refused_and_nothing_of_it_is_kept(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Files:Kinds:evidence:MaxBytes"] = "1024" });
        var large = PdfBytes.Concat(new byte[2048]).ToArray();

        var result = await StoreAsync(factory, large, "big.pdf", "someone");

        Assert.Equal(FileRefusalReason.TooLarge, result.Refusal!.Reason);
        Assert.Contains("1 KB", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(factory));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "files"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_sha256_is_recorded_and_a_changed_file_on_disk_is_detected_on_read(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var owner = await SignedInClient.CreateAsync(factory, Roles.Enterprise, RegistryData.NewUscc());
        var stored = (await StoreAsync(factory, PdfBytes, "evidence.pdf", owner.UserName)).File!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(PdfBytes)), stored.Sha256);
        using (var intact = await owner.GetAsync($"/api/v1/files/{stored.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, intact.StatusCode);
        }

        var path = Path.Combine(factory.DataDirectory, "files", stored.StoragePath);
        var changed = File.ReadAllBytes(path);
        changed[^3] ^= 0x20;
        File.WriteAllBytes(path, changed);
        using var damaged = await owner.GetAsync($"/api/v1/files/{stored.Id}");

        Assert.Equal(HttpStatusCode.InternalServerError, damaged.StatusCode);
        Assert.Equal(1, await AuditedAsync(factory, FileStore.DamagedAction));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Another_employers_user_gets_404_and_the_owner_gets_the_file_each_download_audited(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = RegistryData.NewUscc();
        using var owner = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer);
        using var colleague = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer);
        using var stranger = await SignedInClient.CreateAsync(factory, Roles.Enterprise, RegistryData.NewUscc());
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        using var policy = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        var stored = (await StoreAsync(factory, PdfBytes, "evidence.pdf", owner.UserName, employer)).File!;

        using var byStranger = await stranger.GetAsync($"/api/v1/files/{stored.Id}");
        using var byStrangerPage = await stranger.GetAsync($"/files/{stored.Id}");
        using var byPolicyOfficer = await policy.GetAsync($"/api/v1/files/{stored.Id}");
        using var byOwner = await owner.GetAsync($"/api/v1/files/{stored.Id}");
        using var byColleague = await colleague.GetAsync($"/files/{stored.Id}");
        using var byReviewer = await reviewer.GetAsync($"/files/{stored.Id}");

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStrangerPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byPolicyOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(PdfBytes, await byOwner.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", byOwner.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byReviewer.StatusCode);
        Assert.Equal(3, await AuditedAsync(factory, FileStore.DownloadedAction));
        Assert.Equal(3, await AuditedAsync(factory, FileStore.RefusedAction));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Purge_removes_only_what_is_past_retention_and_audits_each_removal(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var old = (await StoreAsync(factory, PdfBytes, "old.pdf", "someone")).File!;
        var kept = (await StoreAsync(factory, PdfBytes, "kept.pdf", "someone")).File!;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var row = await db.StoredFiles.SingleAsync(f => f.Id == old.Id);
            row.RetainUntil = DateTimeOffset.UtcNow.AddDays(-1);
            await db.SaveChangesAsync();
        }

        using var output = new StringWriter();
        var status = await FilesCommand.PurgeAsync(factory.Services, output, output, CancellationToken.None);

        Assert.Equal(0, status);
        Assert.Contains("Removed 1 stored files", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([kept.Id], (await RowsAsync(factory)).Select(f => f.Id));
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "files", old.StoragePath)));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "files", kept.StoragePath)));
        Assert.Equal(1, await AuditedAsync(factory, FileStore.PurgedAction));
    }

    private static async Task<FileStoreResult> StoreAsync(WenjiuFactory factory, byte[] content, string name, string owner, string? employer = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        using var stream = new MemoryStream(content);
        return await scope.ServiceProvider.GetRequiredService<IFileStore>().StoreAsync(new NewFile(FileKinds.Evidence.Name, name, owner, employer), stream);
    }

    private static async Task<List<StoredFile>> RowsAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().StoredFiles.AsNoTracking().ToListAsync();
    }

    private static async Task<int> AuditedAsync(WenjiuFactory factory, string action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditEntries.CountAsync(e => e.Action == action);
    }
}
