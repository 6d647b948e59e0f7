using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Platform.Files;

/// <summary>
/// A kind of stored file and its rules: which contents it takes, how large a file may be, how long it is kept, and
/// which action of the permission table lets staff read files of this kind that are not theirs. A module registers its
/// kinds in its <c>AddX()</c> (<see cref="FileKinds.AddFileKind"/>); <c>Files:Kinds:&lt;name&gt;</c> in the
/// configuration may change the cap and the retention.
/// </summary>
public sealed record FileKind(string Name, IReadOnlyList<FileContent> Accepts, long MaxBytes, TimeSpan Retention, string ViewAction);

/// <summary>The file store's settings (section <c>Files</c>).</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files";

    /// <summary>
    /// Where the content goes; <c>{Wenjiu:DataDirectory}/files</c> when not set. With two web nodes this is a shared
    /// directory (an NFS or SMB mount) that both can read and write. It must not be inside the web root.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Per kind: <c>Files:Kinds:evidence:MaxBytes</c>, <c>Files:Kinds:evidence:RetentionDays</c>.</summary>
    public Dictionary<string, FileKindSettings> Kinds { get; } = new(StringComparer.Ordinal);
}

public sealed class FileKindSettings
{
    public long? MaxBytes { get; set; }

    public int? RetentionDays { get; set; }
}

public static class FileKinds
{
    /// <summary>
    /// Evidence an enterprise or a member of staff uploads with an application or a decision: PDF, JPEG or PNG. Kept ten
    /// years, the period the bureau keeps the case files of social-insurance decisions; 20 MB is a scanned
    /// multi-page application with room to spare.
    /// </summary>
    public static readonly FileKind Evidence = new("evidence", [FileContent.Pdf, FileContent.Jpeg, FileContent.Png], 20L * 1024 * 1024, TimeSpan.FromDays(3653), Permissions.ViewEvidence);

    public static IServiceCollection AddFileKind(this IServiceCollection services, FileKind kind)
    {
        services.AddSingleton(kind);
        return services;
    }
}
