using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Exports;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Features.Reports;

/// <summary>
/// A relief report as a file: CSV (UTF-8 with a BOM so a spreadsheet opens Chinese text right, RFC 4180 quoting) or
/// XLSX, in the reader's language. Both carry the same columns: for each grouping in the order asked for its code and,
/// beside it, its name (district 110105 and 朝阳区), then the figures, each header saying its unit; money with two
/// decimals, invariant culture, written as numbers. Every text cell goes through <see cref="SpreadsheetText"/> against
/// formula injection. The XLSX adds a total row; the CSV is for machines and has none.
/// </summary>
internal static class ReliefReportExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> Figures =
        ["employers", "insured", "employer_due", "employer_relief", "employer_payable", "deferred", "employee_payable", "relief_per_insured"];

    public static string FileName(ReliefReport report, string extension)
    {
        ArgumentNullException.ThrowIfNull(report);
        var months = report.Query.From is null && report.Query.To is null ? "all-months"
            : report.Query.From == report.Query.To ? report.Query.From.ToString()
            : $"{report.Query.From?.ToString() ?? "start"}_{report.Query.To?.ToString() ?? "end"}";
        var by = report.Query.By.Count == 0 ? "total" : string.Join('-', report.Query.By.Select(d => d.Code()));
        return $"relief_{months}_{by}.{extension}";
    }

    /// <summary>A month is its own name; the other groupings have a name beside the code.</summary>
    private static bool HasName(ReportDimension dimension) => dimension != ReportDimension.Month;

    public static IReadOnlyList<string> Header(ReliefReport report, IStringLocalizer<ReliefText> text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        var header = new List<string>();
        foreach (var dimension in report.Query.By)
        {
            header.Add(text[$"Export.{dimension.Code()}"]);
            if (HasName(dimension))
            {
                header.Add(text[$"Export.{dimension.Code()}_name"]);
            }
        }

        header.AddRange(Figures.Select(f => text[$"Export.{f}"].Value));
        return header;
    }

    private static string Name(ReportDimension dimension, string? code, IStringLocalizer<ReliefText> text) => code is null ? "" : dimension switch
    {
        ReportDimension.SizeClass => text.SizeClass(code),
        ReportDimension.District => ReliefDisplay.District(code),
        ReportDimension.Industry => ReliefDisplay.Industry(code),
        ReportDimension.Sector => text.Sector(code),
        _ => code,
    };

    public static async Task WriteCsvAsync(ReliefReport report, Stream output, IStringLocalizer<ReliefText> text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var csv = new CsvWriter(output);
        await csv.LineAsync(Header(report, text));
        foreach (var row in report.Rows)
        {
            foreach (var dimension in report.Query.By)
            {
                var code = row.Key(dimension);
                csv.Text(code);
                if (HasName(dimension))
                {
                    csv.Text(Name(dimension, code, text));
                }
            }

            // Numbers as numbers: a negative amount is written -12.50, unprefixed (SpreadsheetText prefixes text only).
            csv.Number(row.Employers).Number(row.Insured);
            foreach (var amount in Amounts(row))
            {
                csv.Number(amount, "0.00");
            }

            await csv.EndLineAsync();
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static void WriteXlsx(ReliefReport report, Stream output, IStringLocalizer<ReliefText> text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(text["Report.Title"]));
        var header = Header(report, text);
        for (var c = 0; c < header.Count; c++)
        {
            TextCell(sheet.Cell(1, c + 1), header[c]);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        // Grouped, a total row closes the sheet; ungrouped, the one row already is the total.
        var rows = report.Query.By.Count == 0 ? report.Rows : report.Rows.Append(report.Total);
        var r = 2;
        foreach (var row in rows)
        {
            var c = 1;
            var isTotal = ReferenceEquals(row, report.Total);
            foreach (var dimension in report.Query.By)
            {
                var code = isTotal ? null : row.Key(dimension);
                var label = isTotal ? (c == 1 ? text["Report.Total"].Value : "") : code ?? "";
                TextCell(sheet.Cell(r, c++), label);
                if (HasName(dimension))
                {
                    TextCell(sheet.Cell(r, c++), isTotal ? "" : Name(dimension, code, text));
                }
            }

            sheet.Cell(r, c++).SetValue(row.Employers);
            sheet.Cell(r, c++).SetValue(row.Insured);
            foreach (var amount in Amounts(row))
            {
                sheet.Cell(r, c).SetValue(amount);
                sheet.Cell(r, c++).Style.NumberFormat.Format = "#,##0.00";
            }

            if (isTotal)
            {
                sheet.Row(r).Style.Font.Bold = true;
            }

            r++;
        }

        sheet.SheetView.FreezeRows(1);
        workbook.SaveAs(output);
    }

    /// <summary>Codes and names stay text ("2020-02" must not become a date, "110105" not a number), neutralised.</summary>
    private static void TextCell(IXLCell cell, string value)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(SpreadsheetText.Neutralise(value));
    }

    /// <summary>A sheet's name has at most 31 characters and none of : \ / ? * [ ].</summary>
    private static string SheetName(string title)
    {
        var name = new string(title.Where(ch => ":\\/?*[]".IndexOf(ch, StringComparison.Ordinal) < 0).ToArray());
        return name.Length == 0 ? "relief" : name.Length > 31 ? name[..31] : name;
    }

    private static decimal[] Amounts(ReliefReportRow row) =>
        [row.EmployerDue, row.EmployerRelief, row.EmployerPayable, row.Deferred, row.EmployeePayable, row.ReliefPerInsured];
}
