using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// The first sheet of an <c>.xlsx</c> read with the Open XML SDK's forward-only reader, one row element at a time,
/// so a large sheet is never loaded whole (ClosedXML would build the whole workbook in memory). Only the shared
/// string table is kept, which a sheet cannot do without.
/// </summary>
internal static class XlsxRows
{
    public static IEnumerable<SourceRow> Read(string filePath, IReadOnlyList<string> columns)
    {
        using var document = Open(filePath);
        var workbook = document.WorkbookPart ?? throw NotASpreadsheet();
        var firstSheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new ImportRefusedException("The spreadsheet has no sheet.");
        if (firstSheet.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart sheet)
        {
            throw NotASpreadsheet();
        }

        var sharedStrings = SharedStrings(workbook);
        int[]? positions = null;
        using var reader = OpenXmlReader.Create(sheet);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var cells = Cells(row, sharedStrings);
            if (cells.Count == 0 || cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue; // an empty row is no row
            }

            if (positions is null)
            {
                var width = cells.Keys.Max() + 1;
                var names = Enumerable.Range(0, width).Select(i => cells.TryGetValue(i, out var v) ? v.Trim() : "").ToArray();
                positions = InterchangeReader.HeaderPositions(names, columns);
                continue;
            }

            var values = new string[columns.Count];
            for (var i = 0; i < positions.Length; i++)
            {
                values[i] = cells.TryGetValue(positions[i], out var v) ? v : "";
            }

            yield return new SourceRow(row.RowIndex?.Value ?? 0, values);
        }

        if (positions is null)
        {
            throw new ImportRefusedException("The spreadsheet's first sheet is empty: it has no header row.");
        }
    }

    private static SpreadsheetDocument Open(string filePath)
    {
        try
        {
            return SpreadsheetDocument.Open(filePath, isEditable: false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or IOException or InvalidDataException or InvalidOperationException or ArgumentException or System.Xml.XmlException)
        {
            throw NotASpreadsheet();
        }
    }

    private static ImportRefusedException NotASpreadsheet() =>
        new("The file is called .xlsx but is not an Excel workbook (.xlsx). Save it as an Excel workbook or as CSV UTF-8 and import it again.");

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return strings;
    }

    /// <summary>The row's cells by 0-based column, as text: shared and inline strings resolved, numbers written back as the decimal Excel showed.</summary>
    private static Dictionary<int, string> Cells(Row row, List<string> sharedStrings)
    {
        var cells = new Dictionary<int, string>();
        var next = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
            next = column + 1;
            var raw = cell.CellValue?.Text;
            var type = cell.DataType?.Value;
            string value;
            if (type == CellValues.SharedString)
            {
                value = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count ? sharedStrings[index] : "";
            }
            else if (type == CellValues.InlineString)
            {
                value = cell.InlineString?.InnerText ?? "";
            }
            else if (type is null || type == CellValues.Number)
            {
                // Excel keeps numbers as binary doubles written out in full ("7200.1000000000004"); 15 significant
                // digits are what Excel itself shows, so that is the value the person typed.
                value = raw is not null && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 1e27
                    ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
                    : raw ?? "";
            }
            else
            {
                value = raw ?? "";
            }

            cells[column] = value;
        }

        return cells;
    }

    /// <summary>"AB12" → 27.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
