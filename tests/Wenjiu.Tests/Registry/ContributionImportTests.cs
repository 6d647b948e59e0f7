using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>The <c>contributions</c> file (interchange.md) keeps the promises of the other two: report per line, valid rows kept, idempotent, malformed refused whole.</summary>
public sealed class ContributionImportTests
{
    private const string Header = "uscc,month,insured,due,paid,unemployment_paid,paid_on";

    /// <summary>Columns in another order, an unknown column, and one row breaking each rule of a row.</summary>
    internal static string Contributions => ImportFiles.Csv(
        "month,uscc,remark,insured,due,paid,unemployment_paid,paid_on",
        $"2019-01,{ImportFiles.EmployerA},ok,120,250000.00,250000.00,3120.50,2019-01-15",
        $"2019-02,{ImportFiles.EmployerA},,121,250100.10,250100.09,3120.50,2019-02-14",
        $"2019-03,{ImportFiles.EmployerA},,0,0,0,0,",
        $"2019-01,{ImportFiles.EmployerB},,8,12000.5,0,0,",
        $"2019-01,{ImportFiles.UnknownEmployer},,8,100,100,1,2019-01-20",
        $"2019-13,{ImportFiles.EmployerB},,8,100,100,1,2019-01-20",
        $"2019-02,{ImportFiles.EmployerB},,-1,100,100,1,2019-02-20",
        $"2019-03,{ImportFiles.EmployerB},,8,100.005,100,1,2019-03-20",
        $"2019-04,{ImportFiles.EmployerB},,8,100,100,100.01,2019-04-20",
        $"2019-05,{ImportFiles.EmployerB},,8,100,-3,0,2019-05-20",
        $"2019-06,{ImportFiles.EmployerB},,8,100,100,1,2019/06/20",
        $"2019-02,{ImportFiles.EmployerA},,121,1,1,0,2019-02-14",
        $"2019-07,{ImportFiles.EmployerB}");

    internal static readonly (long Line, string Column, string Value, string Reason)[] ContributionsReport =
    [
        (6, "uscc", ImportFiles.UnknownEmployer, "no employer with this code is registered (import the employers file first)"),
        (7, "month", "2019-13", "not a month written YYYY-MM"),
        (8, "insured", "-1", "must not be negative"),
        (9, "due", "100.005", "an amount in yuan has at most 2 decimals"),
        (10, "unemployment_paid", "100.01", "more than the total paid (100)"),
        (11, "paid", "-3", "must not be negative"),
        (12, "paid_on", "2019/06/20", "not a date written YYYY-MM-DD (leave it empty when nothing was paid)"),
        (14, "", $"2019-07,{ImportFiles.EmployerB}", "the line has 2 fields where the header has 8"),
        (13, "month", "2019-02", "the same employer and month are already on line 3"),
    ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mixed_contributions_file_imports_the_valid_rows_and_reports_each_broken_rule(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);

        var outcome = await factory.ImportAsync(ImportKind.Contributions, "contributions.csv", Contributions);

        Assert.Equal(new ImportOutcome(outcome.RunId, ImportStatus.Completed, 13, 4, 9, null), outcome);
        Assert.Equal(ContributionsReport.OrderBy(r => r.Line), await factory.ReportAsync(outcome.RunId));
        Assert.Equal(
            [
                $"{ImportFiles.EmployerA} 201901 120 250000.00 250000.00 3120.50 2019-01-15",
                $"{ImportFiles.EmployerA} 201902 121 250100.10 250100.09 3120.50 2019-02-14",
                $"{ImportFiles.EmployerA} 201903 0 0.00 0.00 0.00 ",
                $"{ImportFiles.EmployerB} 201901 8 12000.50 0.00 0.00 ",
            ],
            await ContributionRowsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Importing_the_same_contributions_file_twice_changes_nothing_and_a_corrected_month_is_updated(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        await factory.ImportAsync(ImportKind.Contributions, "contributions.csv", Contributions);
        var before = await ContributionRowsAsync(factory);

        var again = await factory.ImportAsync(ImportKind.Contributions, "contributions.csv", Contributions);
        var unchanged = await ContributionRowsAsync(factory);
        var corrected = await factory.ImportAsync(ImportKind.Contributions, "late.csv", ImportFiles.Csv(
            Header, $"{ImportFiles.EmployerB},2019-01,8,12000.50,12000.50,150.00,2019-03-02"));

        Assert.Equal((ImportStatus.Completed, 4L, 9L), (again.Status, again.RowsImported, again.RowsRejected));
        Assert.Equal(before, unchanged);
        Assert.Equal(ImportStatus.Completed, corrected.Status);
        var after = await ContributionRowsAsync(factory);
        Assert.Equal([.. before.Take(3), $"{ImportFiles.EmployerB} 201901 8 12000.50 12000.50 150.00 2019-03-02"], after);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_xlsx_contributions_workbook_is_imported_like_a_csv_file(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        var path = Path.Combine(factory.DataDirectory, "contributions.xlsx");
        using (var workbook = new ClosedXML.Excel.XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("缴费");
            string[] header = ["uscc", "month", "insured", "due", "paid", "unemployment_paid", "paid_on"];
            for (var c = 0; c < header.Length; c++)
            {
                sheet.Cell(1, c + 1).Value = header[c];
            }

            // Codes, months and dates as text (as the core system exports them); counts and amounts as numbers.
            sheet.Cell(2, 1).SetValue(ImportFiles.EmployerA);
            sheet.Cell(2, 2).SetValue("2019-01");
            sheet.Cell(2, 3).Value = 120;
            sheet.Cell(2, 4).Value = 250000.1;
            sheet.Cell(2, 5).Value = 250000.09;
            sheet.Cell(2, 6).Value = 3120.5;
            sheet.Cell(2, 7).SetValue("2019-01-15");
            sheet.Cell(3, 1).SetValue(ImportFiles.EmployerB);
            sheet.Cell(3, 2).SetValue("2019-01");
            sheet.Cell(3, 3).Value = 8;
            sheet.Cell(3, 4).Value = 100;
            sheet.Cell(3, 5).Value = 100;
            sheet.Cell(3, 6).Value = 100.5;
            sheet.Cell(3, 7).SetValue("2019-01-20");
            workbook.SaveAs(path);
        }

        var outcome = await factory.ImportFileAsync(ImportKind.Contributions, path, "contributions.xlsx");

        Assert.Equal((ImportStatus.Completed, 2L, 1L, 1L), (outcome.Status, outcome.RowsRead, outcome.RowsImported, outcome.RowsRejected));
        Assert.Equal([(3L, "unemployment_paid", "100.5", "more than the total paid (100)")], await factory.ReportAsync(outcome.RunId));
        Assert.Equal([$"{ImportFiles.EmployerA} 201901 120 250000.10 250000.09 3120.50 2019-01-15"], await ContributionRowsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_contributions_file_with_the_employment_header_is_refused_whole_with_nothing_written(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);

        var outcome = await factory.ImportAsync(ImportKind.Contributions, "contributions.csv", ImportFiles.Employment);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.StartsWith("The header row lacks the column(s) month, insured, due, paid, unemployment_paid, paid_on", factory.English(outcome.Message), StringComparison.Ordinal);
        Assert.Empty(await ContributionRowsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_import_verb_imports_a_contributions_file_and_exits_2_when_some_rows_were_rejected(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        var path = ImportFiles.Write(factory.DataDirectory, "contributions.csv", Contributions);

        var exit = await ImportCommand.RunAsync(factory.Services, ImportKind.Contributions, new FileInfo(path), report: null, "en", CancellationToken.None);

        Assert.Equal(ImportCommand.SomeRejected, exit);
        Assert.Equal(ContributionsReport.Length + 1, (await File.ReadAllLinesAsync(path + ".errors.csv")).Length);
        Assert.Equal(4, (await ContributionRowsAsync(factory)).Length);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_imports_api_accepts_a_contributions_file_and_runs_it_in_the_background(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        using var content = new MultipartFormDataContent { { new StringContent("contributions"), "kind" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Contributions));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "contributions.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await admin.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var run = await factory.RunAsync(runId);
        for (var i = 0; i < 200 && run.Status is ImportStatus.Queued or ImportStatus.Running; i++)
        {
            await Task.Delay(50);
            run = await factory.RunAsync(runId);
        }

        Assert.Equal((ImportKind.Contributions, ImportStatus.Completed, 13L, 4L, 9L), (run.Kind, run.Status, run.RowsRead, run.RowsImported, run.RowsRejected));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_import_page_offers_the_contributions_file(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        var page = await admin.Http.GetStringAsync(new Uri("/Registry/Imports", UriKind.Relative));

        Assert.Contains("value=\"contributions\"", page, StringComparison.Ordinal);
        Assert.Contains("缴费记录", page, StringComparison.Ordinal);
    }

    internal static async Task<string[]> ContributionRowsAsync(WenjiuFactory factory) =>
        [.. (await RegistryData.QueryAsync(factory, db => db.Contributions.AsNoTracking().ToListAsync()))
            .Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.EmployerUscc} {c.Month.Number} {c.Insured} {c.Due:0.00} {c.Paid:0.00} {c.UnemploymentPaid:0.00} {c.PaidOn:yyyy-MM-dd}"))
            .Order(StringComparer.Ordinal)];
}
