using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using nietras.SeparatedValues;

namespace Wenjiu.Relief.Features.Reports;

/// <summary>
/// A relief report as a file: CSV (UTF-8 with a BOM so a spreadsheet opens Chinese text right, RFC 4180 quoting) or
/// XLSX. Both carry the same columns: the grouping's codes in the order asked for, then the figures; money with two
/// decimals, invariant culture. The XLSX adds a total row; the CSV is for machines and has none.
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

    public static IReadOnlyList<string> Header(ReliefReport report) => [.. report.Query.By.Select(d => d.Code()), .. Figures];

    public static async Task WriteCsvAsync(ReliefReport report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using (var writer = Sep.New(',').Writer(o => o with { WriteHeader = true, Escape = true }).To(text, leaveOpen: true))
        {
            writer.Header.Add(Header(report).ToArray());
            if (report.Rows.Count == 0)
            {
                // The header alone still says what the columns are.
                writer.Header.Write();
            }

            foreach (var row in report.Rows)
            {
                await using var line = writer.NewRow(cancellationToken);
                foreach (var dimension in report.Query.By)
                {
                    line[dimension.Code()].Set(row.Key(dimension) ?? "");
                }

                var figures = Values(row);
                for (var i = 0; i < Figures.Count; i++)
                {
                    line[Figures[i]].Set(figures[i]);
                }
            }
        }

        await text.FlushAsync(cancellationToken);
    }

    public static void WriteXlsx(ReliefReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("relief");
        var header = Header(report);
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(header[c]);
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
                // Codes stay text: "2020-02" must not become a date, "110105" not a number.
                var key = isTotal ? (c == 1 ? "total" : "") : row.Key(dimension) ?? "";
                sheet.Cell(r, c).DataType = XLDataType.Text;
                sheet.Cell(r, c++).SetValue(key);
            }

            sheet.Cell(r, c++).SetValue(row.Employers);
            sheet.Cell(r, c++).SetValue(row.Insured);
            foreach (var amount in new[] { row.EmployerDue, row.EmployerRelief, row.EmployerPayable, row.Deferred, row.EmployeePayable, row.ReliefPerInsured })
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

    private static string[] Values(ReliefReportRow row) =>
    [
        row.Employers.ToString(CultureInfo.InvariantCulture),
        row.Insured.ToString(CultureInfo.InvariantCulture),
        Money(row.EmployerDue),
        Money(row.EmployerRelief),
        Money(row.EmployerPayable),
        Money(row.Deferred),
        Money(row.EmployeePayable),
        Money(row.ReliefPerInsured),
    ];

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
