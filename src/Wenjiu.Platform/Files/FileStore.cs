using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Localization;

namespace Wenjiu.Platform.Files;

/// <summary>A file to store: its kind, the name it came with, who stores it and the employer it belongs to.</summary>
public sealed record NewFile(string Kind, string FileName, string Owner, string? EmployerUscc = null);

public enum FileRefusalReason
{
    Empty,
    TooLarge,

    /// <summary>The content is a program (whatever its name says).</summary>
    Program,

    /// <summary>The content is recognised, but the kind does not take it (a PDF as an import file).</summary>
    NotAccepted,

    /// <summary>The content is none of the kinds the store knows.</summary>
    Unrecognised,

    /// <summary>A ZIP archive that is not an XLSX workbook.</summary>
    NotAWorkbook,
}

/// <summary>Why a file was not stored, in the reader's language.</summary>
public sealed record FileRefusal(FileRefusalReason Reason, string Message);

public sealed record FileStoreResult(StoredFile? File, FileRefusal? Refusal)
{
    public bool Stored => File is not null;
}

public enum FileReadOutcome
{
    Found,

    /// <summary>No such file, or not one the reader may read: the same answer, so ids cannot be probed.</summary>
    NotFound,

    /// <summary>The content on disk no longer has the SHA-256 recorded when it was stored (or is gone).</summary>
    Damaged,
}

public sealed record FileRead(FileReadOutcome Outcome, StoredFile? File = null, Stream? Content = null);

public sealed record FilePurge(int FilesRemoved, long BytesRemoved);

/// <summary>
/// The one way to keep files (issue 8 §6, ADR 0011): content checked by its own bytes, capped, hashed, kept outside
/// the web root in a configured directory, read back only by whom it belongs to (audited, its hash checked), and
/// removed only by its kind's retention.
/// </summary>
public interface IFileStore
{
    /// <summary>Streams <paramref name="content"/> to the store (never whole in memory); refuses it with a reason when it is not what the kind takes.</summary>
    Task<FileStoreResult> StoreAsync(NewFile file, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a file for <paramref name="reader"/> after checking it may and that the content is intact; audited either way.</summary>
    Task<FileRead> ReadAsync(Guid id, ClaimsPrincipal reader, CancellationToken cancellationToken = default);

    /// <summary>The full path of a stored file's content, for a module that reads it on the server (the importer).</summary>
    string ContentPath(StoredFile file);

    /// <summary>Removes every file past its retention, content and row, each one audited.</summary>
    Task<FilePurge> PurgeAsync(CancellationToken cancellationToken = default);
}

internal sealed class FileStore(
    PlatformDbContext db,
    IAuditLog audit,
    IAuthorizationService authorization,
    TimeProvider clock,
    IOptions<FileStoreOptions> options,
    IOptions<WenjiuOptions> wenjiu,
    IWebHostEnvironment environment,
    IEnumerable<FileKind> kinds,
    ILogger<FileStore> logger) : IFileStore
{
    public const string StoredAction = "file.stored";
    public const string DownloadedAction = "file.downloaded";
    public const string RefusedAction = "file.download-refused";
    public const string DamagedAction = "file.damaged";
    public const string PurgedAction = "file.purged";

    private const string IncomingFolder = ".incoming";
    private const int PurgeBatch = 500;

    public async Task<FileStoreResult> StoreAsync(NewFile file, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(content);
        var kind = KindNamed(file.Kind) ?? throw new ArgumentException($"No file kind {file.Kind} is registered (AddFileKind).", nameof(file));
        var root = Root();
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var incoming = Path.Combine(root, IncomingFolder);
        Directory.CreateDirectory(incoming);
        var temporary = Path.Combine(incoming, id.ToString("N"));
        var keep = false;
        try
        {
            var (length, sha256, head, tooLarge) = await CopyAsync(content, temporary, kind.MaxBytes, cancellationToken);
            if (tooLarge)
            {
                return Refused(FileRefusalReason.TooLarge, "Files.Refused.TooLarge", Size(kind.MaxBytes));
            }

            if (length == 0)
            {
                return Refused(FileRefusalReason.Empty, "Files.Refused.Empty");
            }

            var (found, refusal) = Recognise(kind, head, temporary);
            if (refusal is not null)
            {
                return new FileStoreResult(null, refusal);
            }

            var relative = string.Create(CultureInfo.InvariantCulture, $"{kind.Name}/{now:yyyy}/{now:MM}/{id:N}");
            var target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temporary, target);
            keep = true;
            var stored = new StoredFile
            {
                Id = id,
                Kind = kind.Name,
                FileName = SafeName(file.FileName),
                ContentType = FileSignatures.MediaType(found),
                Length = length,
                Sha256 = sha256,
                Owner = file.Owner,
                EmployerUscc = string.IsNullOrWhiteSpace(file.EmployerUscc) ? null : file.EmployerUscc,
                StoredAt = now,
                RetainUntil = now + kind.Retention,
                StoragePath = relative,
            };
            db.StoredFiles.Add(stored);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // No row, no file: content nobody can name would never be purged.
                File.Delete(target);
                throw;
            }

            await audit.RecordAsync(StoredAction, Record(id), Describe(stored), cancellationToken);
            return new FileStoreResult(stored, null);
        }
        finally
        {
            if (!keep)
            {
                File.Delete(temporary);
            }
        }
    }

    public async Task<FileRead> ReadAsync(Guid id, ClaimsPrincipal reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var file = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null || !await MayReadAsync(reader, file))
        {
            await audit.RecordAsync(RefusedAction, Record(id), file is null ? "no such file" : "not the reader's", cancellationToken);
            return new FileRead(FileReadOutcome.NotFound);
        }

        var path = ContentPath(file);
        if (!await IntactAsync(path, file, cancellationToken))
        {
            logger.LogError("Stored file {FileId} ({Path}) does not match its recorded SHA-256 {Sha256}", file.Id, path, file.Sha256);
            await audit.RecordAsync(DamagedAction, Record(id), Describe(file), cancellationToken);
            return new FileRead(FileReadOutcome.Damaged, file);
        }

        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await audit.RecordAsync(DownloadedAction, Record(id), Describe(file), cancellationToken);
        return new FileRead(FileReadOutcome.Found, file, content);
    }

    public string ContentPath(StoredFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var root = Root();
        var path = Path.GetFullPath(Path.Combine(root, file.StoragePath));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Stored file {file.Id} points outside the store.");
        }

        return path;
    }

    public async Task<FilePurge> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        int removed = 0;
        long bytes = 0;
        while (true)
        {
            var due = await db.StoredFiles.Where(f => f.RetainUntil <= now).OrderBy(f => f.RetainUntil).Take(PurgeBatch).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return new FilePurge(removed, bytes);
            }

            foreach (var file in due)
            {
                // Content first: a row without content reads as damaged, content without a row would be kept for ever.
                File.Delete(ContentPath(file));
                db.StoredFiles.Remove(file);
                await db.SaveChangesAsync(cancellationToken);
                await audit.RecordAsync(PurgedAction, Record(file.Id), Describe(file), cancellationToken);
                removed++;
                bytes += file.Length;
            }

            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The uploader, anyone who acts for the employer the file belongs to, or staff who hold the kind's action everywhere.</summary>
    private async Task<bool> MayReadAsync(ClaimsPrincipal reader, StoredFile file)
    {
        if (reader.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (string.Equals(reader.Identity.Name, file.Owner, StringComparison.Ordinal))
        {
            return true;
        }

        if (KindNamed(file.Kind) is not { } kind)
        {
            return false;
        }

        return file.EmployerUscc is { } uscc
            ? await authorization.ActsForAsync(reader, kind.ViewAction, uscc)
            : reader.MayEverywhere(kind.ViewAction);
    }

    private static (FileContent Content, FileRefusal? Refusal) Recognise(FileKind kind, byte[] head, string path)
    {
        var accepted = string.Join(", ", kind.Accepts.Select(FileSignatures.Name));
        var (signature, program) = FileSignatures.Detect(head);
        FileContent? content = signature switch
        {
            Signature.Pdf => FileContent.Pdf,
            Signature.Jpeg => FileContent.Jpeg,
            Signature.Png => FileContent.Png,
            Signature.Text => FileContent.Csv,
            Signature.Zip => FileContent.Xlsx,
            _ => null,
        };
        if (signature == Signature.Executable)
        {
            return (default, Refusal(FileRefusalReason.Program, "Files.Refused.Program", program!, accepted));
        }

        if (content is null)
        {
            return (default, Refusal(FileRefusalReason.Unrecognised, "Files.Refused.Unrecognised", accepted));
        }

        if (!kind.Accepts.Contains(content.Value))
        {
            var name = signature switch
            {
                Signature.Zip => "ZIP",
                Signature.Text => PlatformText.Get("Files.Text"),
                _ => FileSignatures.Name(content.Value),
            };
            return (default, Refusal(FileRefusalReason.NotAccepted, "Files.Refused.NotAccepted", name, accepted));
        }

        if (content == FileContent.Xlsx && !IsWorkbook(path))
        {
            return (default, Refusal(FileRefusalReason.NotAWorkbook, "Files.Refused.NotAWorkbook", accepted));
        }

        return (content.Value, null);
    }

    /// <summary>Any ZIP starts with the same bytes (a .docx, a .jar): a workbook is one whose directory lists the workbook part. Only the directory is read.</summary>
    private static bool IsWorkbook(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("xl/workbook.xml") is not null && zip.GetEntry("[Content_Types].xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static async Task<(long Length, string Sha256, byte[] Head, bool TooLarge)> CopyAsync(Stream content, string path, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[FileSignatures.HeadLength];
        var headLength = 0;
        long length = 0;
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                // Stop reading at once: the rest of an oversized upload is never written.
                return (length, "", [], true);
            }

            if (headLength < head.Length)
            {
                var take = Math.Min(read, head.Length - headLength);
                buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                headLength += take;
            }

            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()), head[..headLength], false);
    }

    private static async Task<bool> IntactAsync(string path, StoredFile file, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (content.Length != file.Length)
        {
            return false;
        }

        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        return string.Equals(sha256, file.Sha256, StringComparison.Ordinal);
    }

    /// <summary>The kind as registered, with the cap and retention the configuration gives it.</summary>
    private FileKind? KindNamed(string name)
    {
        var kind = kinds.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
        if (kind is null || !options.Value.Kinds.TryGetValue(name, out var settings))
        {
            return kind;
        }

        return kind with
        {
            MaxBytes = settings.MaxBytes ?? kind.MaxBytes,
            Retention = settings.RetentionDays is { } days ? TimeSpan.FromDays(days) : kind.Retention,
        };
    }

    /// <summary>The store's directory, made absolute; refused inside the web root, where the static files would serve it to anyone.</summary>
    private string Root()
    {
        var root = Path.GetFullPath(options.Value.Directory is { Length: > 0 } configured ? configured : Path.Combine(wenjiu.Value.DataDirectory, "files"))
            .TrimEnd(Path.DirectorySeparatorChar);
        if (environment.WebRootPath is { Length: > 0 } webRoot)
        {
            var web = Path.GetFullPath(webRoot).TrimEnd(Path.DirectorySeparatorChar);
            if (root == web || root.StartsWith(web + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Files:Directory ({root}) is inside the web root ({web}): stored files would be served to anyone. Choose a directory outside it.");
            }
        }

        return root;
    }

    /// <summary>The name as given, without any directory part and cut to the column's length.</summary>
    private static string SafeName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        file = string.Concat(file.Where(c => !char.IsControl(c)));
        if (file.Length == 0)
        {
            file = "file";
        }

        return file.Length > 255 ? file[^255..] : file;
    }

    private static FileStoreResult Refused(FileRefusalReason reason, string key, params object[] arguments) =>
        new(null, Refusal(reason, key, arguments));

    private static FileRefusal Refusal(FileRefusalReason reason, string key, params object[] arguments) =>
        new(reason, PlatformText.Get(key, arguments));

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    internal static string Record(Guid id) => string.Create(CultureInfo.InvariantCulture, $"file:{id}");

    private static string Describe(StoredFile file) => string.Create(
        CultureInfo.InvariantCulture,
        $"{file.Kind} {file.FileName} ({file.ContentType}, {file.Length} bytes) sha256 {file.Sha256} owner {file.Owner}{(file.EmployerUscc is null ? "" : " employer " + file.EmployerUscc)} retained until {file.RetainUntil:yyyy-MM-dd}");
}
