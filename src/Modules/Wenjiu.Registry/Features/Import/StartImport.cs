using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Files;
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
/// Keeps an uploaded interchange file in the platform's file store (kind <c>import</c>: CSV text or an XLSX workbook by
/// content, capped, hashed; ADR 0011) and queues its import (<see cref="BackgroundImports"/>).
/// An idempotency key makes a retried upload return the first run instead of importing twice.
/// </summary>
internal sealed class StartImportHandler(
    RegistryDbContext db,
    BackgroundImports imports,
    IFileStore files,
    IAuditLog audit,
    TimeProvider clock,
    IStringLocalizer<RegistryText> text)
{
    public const int MaxKeyLength = 100;

    /// <summary>The city-scale employment file is about 700 MB; this leaves room without inviting abuse.</summary>
    public const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;

    private const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Extensions = [".csv", ".xlsx"];

    /// <summary>
    /// Interchange files: CSV or XLSX, up to the upload cap, kept 180 days so that a month's run can be re-examined
    /// against the file it read through the next half-year's corrections.
    /// </summary>
    public static readonly FileKind ImportFileKind = new("import", [FileContent.Csv, FileContent.Xlsx], MaxUploadBytes, TimeSpan.FromDays(180), Wenjiu.Platform.Identity.Permissions.ViewImports);

    public async Task<ImportStartResult> HandleAsync(ImportUpload upload, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var errors = new FieldErrors();
        ImportKind? kind = upload.Kind?.Trim().ToLowerInvariant() switch
        {
            "employers" => ImportKind.Employers,
            "employment" => ImportKind.Employment,
            "contributions" => ImportKind.Contributions,
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

        var existing = await db.ImportRequestKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Owner == user && k.Key == key, cancellationToken);
        if (existing is not null)
        {
            // A retry: judged by the upload's hash alone, so the file is not stored a second time.
            await using var again = upload.File!.OpenReadStream();
            return Repeat(existing, RequestHash(kind!.Value, Convert.ToHexStringLower(await SHA256.HashDataAsync(again, cancellationToken))), errors);
        }

        var originalName = Path.GetFileName(upload.File!.FileName);
        FileStoreResult stored;
        await using (var content = upload.File.OpenReadStream())
        {
            stored = await files.StoreAsync(new NewFile(ImportFileKind.Name, originalName, user), content, cancellationToken);
        }

        if (stored.File is not { } file)
        {
            errors.Add("File", stored.Refusal!.Message);
            return new ImportStartResult(ImportStart.Invalid, errors);
        }

        // The reader goes by the name (CSV or XLSX): a workbook named .csv, or text named .xlsx, is not what it says.
        if ((extension == ".xlsx") != (file.ContentType == XlsxMediaType))
        {
            errors.Add("File", text["Import.Error.FileType"]);
            return new ImportStartResult(ImportStart.Invalid, errors);
        }

        var hash = RequestHash(kind!.Value, file.Sha256);

        // Reserve the key before queueing: of two concurrent requests with one key, only one inserts the row. The loser's
        // copy stays in the file store until the import kind's retention removes it (the store deletes by retention only).
        db.ImportRequestKeys.Add(new ImportRequestKey { Owner = user, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var first = await db.ImportRequestKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Owner == user && k.Key == key, cancellationToken);
            if (first is null)
            {
                throw;
            }

            return Repeat(first, hash, errors);
        }

        Guid runId;
        try
        {
            runId = await imports.EnqueueAsync(kind.Value, files.ContentPath(file), originalName, user, cancellationToken);
        }
        catch
        {
            // Free the key so that the client's retry can start the import.
            await db.ImportRequestKeys.Where(k => k.Owner == user && k.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        await db.ImportRequestKeys.Where(k => k.Owner == user && k.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ImportRunId, runId), cancellationToken);
        await audit.RecordAsync("import.started", $"import:{runId}", $"{kind.Value.Code()} {originalName} file:{file.Id}", cancellationToken);
        return new ImportStartResult(ImportStart.Started, errors, runId);
    }

    private static ImportStartResult Repeat(ImportRequestKey existing, string hash, FieldErrors errors) =>
        existing.RequestHash != hash ? new ImportStartResult(ImportStart.KeyReused, errors)
        : existing.ImportRunId is { } previous ? new ImportStartResult(ImportStart.Repeated, errors, previous)
        : new ImportStartResult(ImportStart.InProgress, errors);

    /// <summary>What a key is bound to: the kind and the content (its SHA-256 as the file store recorded it).</summary>
    private static string RequestHash(ImportKind kind, string contentSha256) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{kind.Code()}\n{contentSha256}")));
}
