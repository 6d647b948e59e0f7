using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Exports;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.SearchEmployers;

/// <summary>
/// The employer list as a file, with the search's filters and order: CSV (UTF-8 with a BOM so that a spreadsheet opens
/// Chinese right, RFC 4180 quoting) streamed row by row as the database reads them, or XLSX. Headers are in the
/// reader's language; each code (district, industry, size class) has its name in that language beside it. Text that
/// came from people (names) is neutralised against formula injection (<see cref="SpreadsheetText"/>).
/// </summary>
internal static class EmployerExport
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
        await using var csv = new CsvWriter(output);
        await csv.LineAsync(Header(text));
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var cells = Cells(row, text);
            for (var c = 0; c < cells.Count - 1; c++)
            {
                csv.Text(cells[c]);
            }

            csv.Number(row.Employees);
            await csv.EndLineAsync();
            if (++written % 1000 == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }
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
                sheet.Cell(r, c + 1).SetValue(SpreadsheetText.Neutralise(cells[c]));
            }

            sheet.Cell(r, cells.Count).SetValue(row.Employees);
            r++;
        }

        sheet.SheetView.FreezeRows(1);
        workbook.SaveAs(output);
    }

    /// <summary>The row's cells as text (the last, employees, is written as a number); CSV and XLSX neutralise each.</summary>
    private static IReadOnlyList<string> Cells(EmployerSummary row, IStringLocalizer<RegistryText> text) =>
    [
        row.Uscc,
        row.Name,
        row.District,
        DomainNames.District(row.District),
        row.Industry,
        DomainNames.Industry(row.Industry),
        row.SizeClass.Code(),
        text.SizeClass(row.SizeClass),
        row.KeyEnterprise ? text["Common.Yes"] : text["Common.No"],
        row.Employees.ToString(CultureInfo.InvariantCulture),
    ];
}
