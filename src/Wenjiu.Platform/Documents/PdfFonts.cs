using PdfSharp.Fonts;

namespace Wenjiu.Platform.Documents;

/// <summary>
/// The two fonts every PDF of the platform is set in, both TrueType and embedded (as subsets) so that a document reads
/// the same on any machine: one for Chinese (<see cref="Chinese"/>) and one for Latin letters, digits and punctuation
/// (<see cref="Latin"/>). PDFsharp 6 on Linux finds no font by itself, reads TrueType outlines only (not the CFF
/// outlines of Noto CJK's OTF/TTC files) and does not fall back from one font to another per character, so a resolver
/// serves these two files and <see cref="PdfReport"/> sets each run of text in the font that has its glyphs (Droid Sans
/// Fallback has no Latin digits).
/// </summary>
/// <remarks>
/// Files: <c>WENJIU_PDF_FONT</c> / <c>WENJIU_PDF_LATIN_FONT</c> when set, else Debian's <c>fonts-droid-fallback</c>
/// (Droid Sans Fallback, Apache 2.0) and <c>fonts-dejavu-core</c> (DejaVu Sans, regular and bold). A machine without them
/// cannot make a PDF; <see cref="Find"/> says what to install (docs/operations.md).
/// </remarks>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>The family for Chinese text.</summary>
    public const string Chinese = "Wenjiu CJK";

    /// <summary>The family for Latin letters, digits and punctuation.</summary>
    public const string Latin = "Wenjiu Latin";

    public const string FontVariable = "WENJIU_PDF_FONT";
    public const string LatinFontVariable = "WENJIU_PDF_LATIN_FONT";

    private const string LatinBoldFace = "Wenjiu Latin Bold";

    private static readonly string[] ChineseCandidates =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
    ];

    private static readonly string[] LatinCandidates = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"];

    private static readonly Lock Gate = new();
    private static PdfFonts? installed;

    private readonly Dictionary<string, byte[]> faces;

    private PdfFonts(Dictionary<string, byte[]> faces) => this.faces = faces;

    /// <summary>Sets the resolver for the process (PDFsharp's setting is global), once; later calls do nothing.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed is not null)
            {
                return;
            }

            var latin = Find(LatinFontVariable, LatinCandidates, "fonts-dejavu-core");
            var faces = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [Chinese] = File.ReadAllBytes(Find(FontVariable, ChineseCandidates, "fonts-droid-fallback")),
                [Latin] = File.ReadAllBytes(latin),
            };
            var bold = latin.Replace(".ttf", "-Bold.ttf", StringComparison.Ordinal);
            if (Environment.GetEnvironmentVariable(LatinFontVariable) is null && File.Exists(bold))
            {
                faces[LatinBoldFace] = File.ReadAllBytes(bold);
            }

            installed = new PdfFonts(faces);
            GlobalFontSettings.FontResolver = installed;
        }
    }

    /// <summary>Whether a character is set in the Chinese font: CJK ideographs, kana, CJK and full-width punctuation.</summary>
    public static bool IsChinese(char c) => c >= '\u2E80' && !char.IsSurrogate(c);

    /// <summary>The font file used, or an error naming what to install.</summary>
    public static string Find(string variable, IReadOnlyList<string> candidates, string package)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var configured = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{variable} names a font file that does not exist: {configured}", configured);
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No font for PDFs: install Debian's {package}, or set {variable} to a TrueType (glyf) font file.");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // Chinese bold is simulated (one file); Latin bold has its own face when the bold file is there.
        if (familyName == Latin && bold && faces.ContainsKey(LatinBoldFace))
        {
            return new FontResolverInfo(LatinBoldFace, false, italic);
        }

        return new FontResolverInfo(familyName == Latin ? Latin : Chinese, bold, italic);
    }

    public byte[]? GetFont(string faceName) => faces.TryGetValue(faceName, out var font) ? font : faces[Chinese];
}
