using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Wenjiu.Platform.Documents;

/// <summary>A column of a <see cref="PdfReport"/> table: its heading, its share of the page's width, and whether it holds figures.</summary>
public sealed record PdfColumn(string Heading, double Width, bool Number = false);

/// <summary>
/// A plain printable document (A4 portrait): headings, paragraphs and tables that flow onto new pages, with a footer on
/// every page (e.g. when it was generated) and page numbers. Text is set in <see cref="PdfFonts"/>, each run of Chinese
/// characters in the Chinese font and every other run in the Latin one, so both read the same everywhere; <c>pdftotext</c>
/// extracts it (the fonts carry their Unicode maps). Meant for statements and contracts, not for typesetting: long cells
/// are wrapped at spaces or, in Chinese, between any two characters.
/// </summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 42;
    private const double BodySize = 9;
    private const double LineGap = 3;

    private readonly PdfDocument document = new();
    private readonly Face body;
    private readonly Face bold;
    private readonly Face title;
    private readonly Face small;
    private readonly string footer;
    private XGraphics? graphics;
    private PdfPage? page;
    private double y;

    public PdfReport(string documentTitle, string footer)
    {
        PdfFonts.Install();
        document.Info.Title = documentTitle;
        document.Info.Creator = "Wenjiu";
        this.footer = footer;
        body = new Face(BodySize, XFontStyleEx.Regular);
        bold = new Face(BodySize, XFontStyleEx.Bold);
        title = new Face(15, XFontStyleEx.Bold);
        small = new Face(7.5, XFontStyleEx.Regular);
        NewPage();
    }

    private double Width => page!.Width.Point - (2 * Margin);

    private double Bottom => page!.Height.Point - Margin - 20;

    public void Heading(string text)
    {
        Room(28);
        foreach (var line in Wrap(text, title, Width))
        {
            Draw(line, title, XBrushes.Black, Margin, y, Width, right: false);
            y += title.Height + LineGap;
        }

        y += 6;
    }

    public void Paragraph(string text, bool strong = false)
    {
        var font = strong ? bold : body;
        foreach (var line in Wrap(text, font, Width))
        {
            Room(font.Height + LineGap);
            Draw(line, font, XBrushes.Black, Margin, y, Width, right: false);
            y += font.Height + LineGap;
        }

        y += 4;
    }

    /// <summary>A table; its heading row is repeated on each page it flows onto. <paramref name="strongRows"/> are set bold (totals).</summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? strongRows = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var total = columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width / total * Width).ToArray();
        Row(columns.Select(c => c.Heading).ToList(), columns, widths, bold, header: true);
        var index = 0;
        foreach (var row in rows)
        {
            if (!Row(row, columns, widths, strongRows?.Contains(index) == true ? bold : body, header: false))
            {
                Row(columns.Select(c => c.Heading).ToList(), columns, widths, bold, header: true);
                Row(row, columns, widths, strongRows?.Contains(index) == true ? bold : body, header: false);
            }

            index++;
        }

        y += 8;
    }

    public void Save(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        FinishPage();
        document.Save(output, closeStream: false);
    }

    public void Dispose()
    {
        graphics?.Dispose();
        document.Dispose();
    }

    /// <summary>Draws a row; false (and nothing drawn) when it did not fit and a new page was started.</summary>
    private bool Row(IReadOnlyList<string> cells, IReadOnlyList<PdfColumn> columns, double[] widths, Face font, bool header)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i] - 4)).ToList();
        var height = (wrapped.Max(w => Math.Max(1, w.Count)) * (font.Height + 1)) + 4;
        if (y + height > Bottom)
        {
            NewPage();
            if (!header)
            {
                return false;
            }
        }

        var x = Margin;
        for (var i = 0; i < columns.Count; i++)
        {
            var lineY = y + 2;
            foreach (var line in wrapped[i])
            {
                Draw(line, font, XBrushes.Black, x + 2, lineY, widths[i] - 4, columns[i].Number);
                lineY += font.Height + 1;
            }

            x += widths[i];
        }

        y += height;
        graphics!.DrawLine(header ? XPens.Black : XPens.LightGray, Margin, y, Margin + Width, y);
        return true;
    }

    /// <summary>Draws one line from its top-left (or, <paramref name="right"/>-aligned, ending at the right edge), run by run.</summary>
    private void Draw(string text, Face face, XBrush brush, double x, double top, double width, bool right)
    {
        var cursor = right ? x + width - Measure(text, face) : x;
        var baseline = top + face.Ascent;
        foreach (var (run, font) in Runs(text, face))
        {
            graphics!.DrawString(run, font, brush, cursor, baseline);
            cursor += graphics!.MeasureString(run, font).Width;
        }
    }

    private double Measure(string text, Face face)
    {
        var width = 0d;
        foreach (var (run, font) in Runs(text, face))
        {
            width += graphics!.MeasureString(run, font).Width;
        }

        return width;
    }

    /// <summary>The text cut where it passes between Chinese and other characters, each piece with the font for it.</summary>
    private static IEnumerable<(string Run, XFont Font)> Runs(string text, Face face)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || PdfFonts.IsChinese(text[i]) != PdfFonts.IsChinese(text[start]))
            {
                yield return (text[start..i], PdfFonts.IsChinese(text[start]) ? face.Chinese : face.Latin);
                start = i;
            }
        }
    }

    /// <summary>Breaks text into lines that fit: at spaces where it can (Latin), else between any two characters (Chinese).</summary>
    private List<string> Wrap(string? text, Face font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Split('\n'))
        {
            var line = "";
            foreach (var ch in paragraph)
            {
                var candidate = line + ch;
                if (line.Length > 0 && Measure(candidate, font) > width)
                {
                    var space = line.LastIndexOf(' ');
                    if (space > 0 && ch != ' ')
                    {
                        lines.Add(line[..space]);
                        line = line[(space + 1)..] + ch;
                    }
                    else
                    {
                        lines.Add(line);
                        line = ch == ' ' ? "" : ch.ToString();
                    }
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private void Room(double height)
    {
        if (y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        FinishPage();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    private void FinishPage()
    {
        if (graphics is null || page is null)
        {
            return;
        }

        Draw($"{footer} · {document.PageCount}", small, XBrushes.Gray, Margin, page.Height.Point - Margin, Width, right: false);
        graphics.Dispose();
        graphics = null;
    }

    /// <summary>One size and style in both fonts, with the line height and ascent that fit both.</summary>
    private sealed class Face
    {
        public Face(double size, XFontStyleEx style)
        {
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            Chinese = new XFont(PdfFonts.Chinese, size, style, options);
            Latin = new XFont(PdfFonts.Latin, size, style, options);
            Height = Math.Max(Chinese.Height, Latin.Height);

            // The baseline sits a little below the size: both fonts' ascents are about 0.93 em.
            Ascent = size * 0.93;
        }

        public XFont Chinese { get; }

        public XFont Latin { get; }

        public double Height { get; }

        public double Ascent { get; }
    }
}
