using PdfSharp.Fonts;

namespace Wenjiu.Platform.Documents;

/// <summary>
/// The one font every PDF of the platform is set in: a TrueType font with Chinese and Latin glyphs, embedded (as a
/// subset) in each document so that it reads the same on any machine. PDFsharp 6 on Linux finds no font by itself and
/// reads TrueType outlines only (not the CFF outlines of Noto CJK's OTF/TTC files), hence a resolver over one file.
/// </summary>
/// <remarks>
/// The file is <c>WENJIU_PDF_FONT</c> when set, else Debian's <c>fonts-droid-fallback</c> (Droid Sans Fallback, Apache
/// 2.0, TrueType, CJK and Latin). A machine without either cannot make a PDF; <see cref="Find"/> says so by name
/// (docs/operations.md lists the package).
/// </remarks>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>The family name documents ask for.</summary>
    public const string Family = "Wenjiu Sans";

    public const string FontVariable = "WENJIU_PDF_FONT";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
    ];

    private static readonly Lock Gate = new();
    private static PdfFonts? installed;

    private readonly byte[] font;

    private PdfFonts(byte[] font) => this.font = font;

    /// <summary>Sets the resolver for the process (PDFsharp's setting is global), once; later calls do nothing.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed is not null)
            {
                return;
            }

            installed = new PdfFonts(File.ReadAllBytes(Find()));
            GlobalFontSettings.FontResolver = installed;
        }
    }

    /// <summary>The font file used, or an error naming what to install.</summary>
    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(FontVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{FontVariable} names a font file that does not exist: {configured}", configured);
        }

        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No TrueType font with Chinese glyphs for PDFs: install Debian's fonts-droid-fallback, or set {FontVariable} to a TrueType (glyf) font file.");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>

        // One face for every family and style: bold and italic are simulated, which keeps one font file embedded.
        new(Family, bold, italic);

    public byte[]? GetFont(string faceName) => font;
}
