using System.Buffers.Binary;

namespace Wenjiu.Platform.Files;

/// <summary>The kinds of content the store accepts, each recognised by its own bytes.</summary>
public enum FileContent
{
    Pdf,
    Jpeg,
    Png,

    /// <summary>Text (for the registry's interchange files): no binary signature, no NUL or other control bytes.</summary>
    Csv,

    /// <summary>An Office Open XML workbook: a ZIP archive holding <c>xl/workbook.xml</c>.</summary>
    Xlsx,
}

/// <summary>What the first bytes of a file say it is.</summary>
internal enum Signature
{
    Unknown,
    Pdf,
    Jpeg,
    Png,
    Zip,
    Text,
    Executable,
}

/// <summary>
/// Recognises content by its magic bytes (the file's own first bytes), because the name and the declared media type
/// are whatever the uploader chose: a program renamed <c>.pdf</c> is still a program.
/// </summary>
internal static class FileSignatures
{
    /// <summary>How much of the start of a file is read to decide what it is.</summary>
    public const int HeadLength = 8 * 1024;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> ElfMagic => [0x7F, 0x45, 0x4C, 0x46];

    public static string MediaType(FileContent content) => content switch
    {
        FileContent.Pdf => "application/pdf",
        FileContent.Jpeg => "image/jpeg",
        FileContent.Png => "image/png",
        FileContent.Csv => "text/csv",
        FileContent.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    /// <summary>The name a person knows the content by (the same in both languages).</summary>
    public static string Name(FileContent content) => content.ToString().ToUpperInvariant();

    public static (Signature Signature, string? Program) Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PdfMagic))
        {
            return (Signature.Pdf, null);
        }

        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return (Signature.Jpeg, null);
        }

        if (head.StartsWith(PngMagic))
        {
            return (Signature.Png, null);
        }

        if (head.StartsWith(ZipMagic))
        {
            return (Signature.Zip, null);
        }

        if (ProgramName(head) is { } program)
        {
            return (Signature.Executable, program);
        }

        return IsText(head) ? (Signature.Text, null) : (Signature.Unknown, null);
    }

    /// <summary>The common executable formats, named so that the refusal says what the file really is.</summary>
    private static string? ProgramName(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("MZ"u8))
        {
            return "Windows PE (.exe/.dll)";
        }

        if (head.StartsWith(ElfMagic))
        {
            return "ELF (Linux)";
        }

        if (head.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(head) is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE)
        {
            return "Mach-O (macOS)";
        }

        return head.StartsWith("#!"u8) ? "script (#!)" : null;
    }

    /// <summary>
    /// Text as the interchange files are: no NUL and no control bytes but tab, line feed, form feed and carriage return.
    /// Whether it is valid UTF-8 is the importer's to say (it names the line), not the store's.
    /// </summary>
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D))
            {
                return false;
            }
        }

        return true;
    }
}
