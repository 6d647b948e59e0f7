using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using nietras.SeparatedValues;
using Wenjiu.Platform.Documents;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.SearchEmployers;

/// <summary>
/// The employer list as a file, with the search's filters and order: CSV (UTF-8 with a BOM so that a spreadsheet opens
/// Chinese right, RFC 4180 quoting) streamed row by row as the database reads them, or XLSX. Headers are in the
/// reader's language; each code (district, industry, size class) has its name in that language beside it. Text that
/// came from people (names) is neutralised against formula injection (<see cref="ExportCell"/>).
/// </summary>
public static class EmployerExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] HeaderKeys =
    [
        "Employer.Uscc", "Employer.Name", "Export.DistrictCode", "Employer.District", "Export.IndustryCode", "Employer.Industry",
        "Export.SizeCode", "Employer.SizeClass", "Employer.KeyEnterprise", "Employer.Employees",
    ];

    public static string FileName(string extension) => $"employers.{extension}";

    public static IReadOnlyList<string> Header(IStringLocalizer<RegistryText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HeaderKeys.Select(k => text[k].Value).ToList();
    }

    public static async Task WriteCsvAsync(IAsyncEnumerable<EmployerSummary> rows, IStringLocalizer<RegistryText> text, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        var header = Header(text);
        using (var csv = Sep.New(',').Writer(o => o with { WriteHeader = true, Escape = true }).To(writer, leaveOpen: true))
        {
            csv.Header.Add(header.ToArray());
            var written = 0;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                Write(csv, header, Cells(row, text));
                if (++written % 1000 == 0)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            if (written == 0)
            {
                // The header alone still says what the columns are.
                csv.Header.Write();
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static async Task WriteXlsxAsync(IAsyncEnumerable<EmployerSummary> rows, IStringLocalizer<RegistryText> text, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("employers");
        var header = Header(text);
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(header[c]);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        var r = 2;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var cells = Cells(row, text);
            for (var c = 0; c < cells.Count - 1; c++)
            {
                // Codes stay text: "110105" must not become a number.
                sheet.Cell(r, c + 1).DataType = XLDataType.Text;
                sheet.Cell(r, c + 1).SetValue(cells[c]);
            }

            sheet.Cell(r, cells.Count).SetValue(row.Employees);
            r++;
        }

        sheet.SheetView.FreezeRows(1);
        workbook.SaveAs(output);
    }

    private static IReadOnlyList<string> Cells(EmployerSummary row, IStringLocalizer<RegistryText> text) =>
    [
        ExportCell.Text(row.Uscc),
        ExportCell.Text(row.Name),
        ExportCell.Text(row.District),
        ExportCell.Text(DomainNames.District(row.District)),
        ExportCell.Text(row.Industry),
        ExportCell.Text(DomainNames.Industry(row.Industry)),
        row.SizeClass.Code(),
        text.SizeClass(row.SizeClass),
        row.KeyEnterprise ? text["Common.Yes"] : text["Common.No"],
        row.Employees.ToString(CultureInfo.InvariantCulture),
    ];

    private static void Write(SepWriter csv, IReadOnlyList<string> header, IReadOnlyList<string> cells)
    {
        using var line = csv.NewRow();
        for (var i = 0; i < cells.Count; i++)
        {
            line[header[i]].Set(cells[i]);
        }
    }
}
