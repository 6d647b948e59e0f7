namespace Wenjiu.Platform.Files;

/// <summary>
/// One file the platform keeps: uploaded evidence, a generated document, an interchange file to import. The content
/// lives in the file store's directory (<see cref="StoragePath"/>); this row says what it is, whose it is, its SHA-256
/// and until when it must be kept. Rows and content go only by retention (<see cref="IFileStore.PurgeAsync"/>).
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    /// <summary>The kind of file (<see cref="FileKind.Name"/>): it decides the accepted content, the cap, the retention and who else may read it.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The name the file was uploaded with, for the download only: it decides nothing about the content.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The media type found in the content itself (<see cref="FileContent"/>), never the one the client declared.</summary>
    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex: recorded when stored, checked on every read.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The user name of who stored it; the owner may always read it back.</summary>
    public string Owner { get; set; } = "";

    /// <summary>The employer the file belongs to, if any: its users (and staff who act for every employer) may read it.</summary>
    public string? EmployerUscc { get; set; }

    public DateTimeOffset StoredAt { get; set; }

    /// <summary>Stored time plus the kind's retention when it was stored: the purge removes the file after this, not before.</summary>
    public DateTimeOffset RetainUntil { get; set; }

    /// <summary>Relative to the store's directory, with '/' separators.</summary>
    public string StoragePath { get; set; } = "";
}
