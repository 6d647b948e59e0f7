using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.Import;

/// <summary>An upload to import, from the page's form or the API's multipart body.</summary>
internal sealed record ImportUpload(string? Kind, IFormFile? File, string? IdempotencyKey);

internal enum ImportStart
{
    /// <summary>The upload was wrong; see the errors.</summary>
    Invalid,

    /// <summary>A new run was queued.</summary>
    Started,

    /// <summary>The key was used before with the same file: this is that run, nothing new was started.</summary>
    Repeated,

    /// <summary>The key was used before with a different file or kind.</summary>
    KeyReused,

    /// <summary>The first request with this key is still being stored.</summary>
    InProgress,
}

internal sealed record ImportStartResult(ImportStart Outcome, FieldErrors Errors, Guid? RunId = null);

/// <summary>
/// Stores an uploaded interchange file under the data directory and queues its import (<see cref="BackgroundImports"/>).
/// An idempotency key makes a retried upload return the first run instead of importing twice.
/// </summary>
internal sealed class StartImportHandler(
    RegistryDbContext db,
    BackgroundImports imports,
    IOptions<WenjiuOptions> options,
    IAuditLog audit,
    TimeProvider clock,
    IStringLocalizer<RegistryText> text)
{
    public const int MaxKeyLength = 100;

    /// <summary>The city-scale employment file is about 700 MB; this leaves room without inviting abuse.</summary>
    public const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;

    private static readonly string[] Extensions = [".csv", ".xlsx"];

    public async Task<ImportStartResult> HandleAsync(ImportUpload upload, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var errors = new FieldErrors();
        ImportKind? kind = upload.Kind?.Trim().ToLowerInvariant() switch
        {
            "employers" => ImportKind.Employers,
            "employment" => ImportKind.Employment,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add("Kind", text["Import.Error.Kind"]);
        }

        var extension = Path.GetExtension(upload.File?.FileName ?? "").ToLowerInvariant();
        if (upload.File is null || upload.File.Length == 0)
        {
            errors.Add("File", text["Import.Error.FileMissing"]);
        }
        else if (!Extensions.Contains(extension))
        {
            errors.Add("File", text["Import.Error.FileType"]);
        }

        var key = upload.IdempotencyKey?.Trim() ?? "";
        if (key.Length == 0 || key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            errors.Add("IdempotencyKey", text["Import.Error.Key", MaxKeyLength]);
        }

        if (!errors.IsEmpty)
        {
            return new ImportStartResult(ImportStart.Invalid, errors);
        }

        var directory = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "imports");
        Directory.CreateDirectory(directory);
        var stored = Path.Combine(directory, $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss}-{Guid.NewGuid():N}{extension}");
        var hash = await StoreAsync(upload.File!, kind!.Value, stored, cancellationToken);

        // Reserve the key before queueing: of two concurrent requests with one key, only one inserts the row.
        db.ImportRequestKeys.Add(new ImportRequestKey { Owner = user, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            File.Delete(stored);
            db.ChangeTracker.Clear();
            var existing = await db.ImportRequestKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Owner == user && k.Key == key, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return existing.RequestHash != hash ? new ImportStartResult(ImportStart.KeyReused, errors)
                : existing.ImportRunId is { } previous ? new ImportStartResult(ImportStart.Repeated, errors, previous)
                : new ImportStartResult(ImportStart.InProgress, errors);
        }

        var originalName = Path.GetFileName(upload.File!.FileName);
        Guid runId;
        try
        {
            runId = await imports.EnqueueAsync(kind.Value, stored, originalName, user, cancellationToken);
        }
        catch
        {
            // Free the key so that the client's retry can start the import.
            await db.ImportRequestKeys.Where(k => k.Owner == user && k.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            File.Delete(stored);
            throw;
        }

        await db.ImportRequestKeys.Where(k => k.Owner == user && k.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ImportRunId, runId), cancellationToken);
        await audit.RecordAsync("import.started", $"import:{runId}", $"{kind.Value.Code()} {originalName}", cancellationToken);
        return new ImportStartResult(ImportStart.Started, errors, runId);
    }

    /// <summary>Copies the upload to disk, hashing kind and content on the way, so a large file is read once and never held in memory.</summary>
    private static async Task<string> StoreAsync(IFormFile file, ImportKind kind, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(kind.Code() + "\n"));
        await using var source = file.OpenReadStream();
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
