using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Wenjiu.Platform.Documents;

/// <summary>A column of a <see cref="PdfReport"/> table: its heading, its share of the page's width, and whether it holds figures.</summary>
public sealed record PdfColumn(string Heading, double Width, bool Number = false);

/// <summary>
/// A plain printable document (A4 portrait): headings, paragraphs and tables that flow onto new pages, with a footer on
/// every page (e.g. when it was generated) and page numbers. Text is set in <see cref="PdfFonts"/>, so Chinese and
/// Latin read the same everywhere; <c>pdftotext</c> extracts it (the font carries its Unicode map). Meant for statements
/// and contracts, not for typesetting: long cells are wrapped by character.
/// </summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 42;
    private const double BodySize = 9;
    private const double LineGap = 3;

    private readonly PdfDocument document = new();
    private readonly XFont body;
    private readonly XFont bold;
    private readonly XFont title;
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
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        body = new XFont(PdfFonts.Family, BodySize, XFontStyleEx.Regular, options);
        bold = new XFont(PdfFonts.Family, BodySize, XFontStyleEx.Bold, options);
        title = new XFont(PdfFonts.Family, 15, XFontStyleEx.Bold, options);
        NewPage();
    }

    private double Width => page!.Width.Point - (2 * Margin);

    private double Bottom => page!.Height.Point - Margin - 20;

    public void Heading(string text)
    {
        Room(28);
        Lines(text, title, Margin, Width, XStringFormats.TopLeft);
        y += 6;
    }

    public void Paragraph(string text, bool strong = false)
    {
        var font = strong ? bold : body;
        foreach (var line in Wrap(text, font, Width))
        {
            Room(font.Height + LineGap);
            graphics!.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, Width, font.Height), XStringFormats.TopLeft);
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
    private bool Row(IReadOnlyList<string> cells, IReadOnlyList<PdfColumn> columns, double[] widths, XFont font, bool header)
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
                var format = columns[i].Number ? XStringFormats.TopRight : XStringFormats.TopLeft;
                graphics!.DrawString(line, font, XBrushes.Black, new XRect(x + 2, lineY, widths[i] - 4, font.Height), format);
                lineY += font.Height + 1;
            }

            x += widths[i];
        }

        y += height;
        graphics!.DrawLine(header ? XPens.Black : XPens.LightGray, Margin, y, Margin + Width, y);
        return true;
    }

    private void Lines(string text, XFont font, double x, double width, XStringFormat format)
    {
        foreach (var line in Wrap(text, font, width))
        {
            graphics!.DrawString(line, font, XBrushes.Black, new XRect(x, y, width, font.Height), format);
            y += font.Height + LineGap;
        }
    }

    /// <summary>Breaks text into lines that fit: at spaces where it can (Latin), else between any two characters (Chinese).</summary>
    private List<string> Wrap(string? text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Split('\n'))
        {
            var line = "";
            foreach (var ch in paragraph)
            {
                var candidate = line + ch;
                if (line.Length > 0 && graphics!.MeasureString(candidate, font).Width > width)
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

        var small = new XFont(PdfFonts.Family, 7.5, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        var line = $"{footer} · {document.PageCount}";
        graphics.DrawString(line, small, XBrushes.Gray, new XRect(Margin, page.Height.Point - Margin, Width, small.Height), XStringFormats.TopLeft);
        graphics.Dispose();
        graphics = null;
    }
}
