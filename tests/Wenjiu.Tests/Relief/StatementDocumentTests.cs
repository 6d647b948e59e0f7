using System.Diagnostics;
using System.Net;
using System.Text;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// Issue 7 §6: a month's statement as a PDF to print or keep and as CSV, in the reader's language, persons masked,
/// money in 元, generated-at in Beijing time. The PDF is read back with poppler's <c>pdftotext</c>.
/// </summary>
public sealed class StatementDocumentTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_month_downloads_as_a_pdf_in_chinese_with_the_bill_masked_persons_units_and_beijing_time(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await EmployerStatementTests.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        using var response = await enterprise.GetAsync($"/Relief/Statements/Month/{own}/2020-02?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.True(text.Contains("2020-02 社保费减免对账单", StringComparison.Ordinal), $"{"2020-02 社保费减免对账单"} is not in the PDF\'s text:\n{text}");
        Assert.True(text.Contains("北京小软件有限公司", StringComparison.Ordinal), $"{"北京小软件有限公司"} is not in the PDF\'s text:\n{text}");
        Assert.True(text.Contains("减免额（元）", StringComparison.Ordinal), $"{"减免额（元）"} is not in the PDF\'s text:\n{text}");
        Assert.True(text.Contains("1,376.00", StringComparison.Ordinal), $"{"1,376.00"} is not in the PDF\'s text:\n{text}");
        Assert.True(text.Contains("张**", StringComparison.Ordinal), $"{"张**"} is not in the PDF\'s text:\n{text}");
        Assert.DoesNotContain("张三丰", text, StringComparison.Ordinal);
        Assert.Matches(@"\d{6}\*{8}\w{4}", text);
        Assert.Matches(@"生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）", text);
    }

    // One provider: the language of the PDF does not depend on the database; the Chinese one above runs on both.
    [Fact]
    public async Task The_pdf_follows_the_readers_language_and_says_its_time_is_beijing_time()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        var own = await EmployerStatementTests.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);
        var before = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));

        using var response = await enterprise.GetAsync($"/Relief/Statements/Month/{own}/2020-02?handler=Pdf&culture=en");

        var text = await PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.True(text.Contains("Relief (yuan)", StringComparison.Ordinal), $"{"Relief (yuan)"} is not in the PDF\'s text:\n{text}");
        Assert.True(text.Contains("Medical", StringComparison.Ordinal), $"{"Medical"} is not in the PDF\'s text:\n{text}");
        Assert.DoesNotContain("减免额", text, StringComparison.Ordinal);
        Assert.True(text.Contains($"Generated {before:yyyy-MM-dd} ", StringComparison.Ordinal), $"{$"Generated {before:yyyy-MM-dd} "} is not in the PDF\'s text:\n{text}");
        Assert.True(text.Contains("(Beijing time)", StringComparison.Ordinal), $"{"(Beijing time)"} is not in the PDF\'s text:\n{text}");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_month_downloads_as_csv_with_headers_in_the_readers_language_codes_beside_names_and_masked_persons(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await EmployerStatementTests.ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        using var zh = await enterprise.GetAsync($"/Relief/Statements/Month/{own}/2020-02?handler=Csv");
        using var en = await enterprise.GetAsync($"/Relief/Statements/Month/{own}/2020-02?handler=Csv&culture=en");

        Assert.Equal(HttpStatusCode.OK, zh.StatusCode);
        Assert.Equal("text/csv", zh.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await zh.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("统一社会信用代码,费款所属期,姓名（已脱敏）,身份证号（已脱敏）,申报工资（元）,险种代码,险种,缴费方代码,缴费方,", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 5, string.Join('\n', lines)); // the header, then every insurance's lines
        Assert.Contains(lines, l => l.Contains(",8000.00,pension,养老保险,employer,单位,8000.00,", StringComparison.Ordinal) && l.EndsWith(",1280.00,1280.00,0.00", StringComparison.Ordinal));
        Assert.DoesNotContain("张三丰", string.Join('\n', lines), StringComparison.Ordinal);
        Assert.Contains("张**", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Unified social credit code,Contribution month,", (await en.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Another_employers_pdf_and_csv_are_404(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var other = await EmployerStatementTests.ArrangeAsync(factory);
        var own = (await RegistryData.AddEmployerAsync(factory, "北京别家有限公司")).Uscc;
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        using var pdf = await enterprise.GetAsync($"/Relief/Statements/Month/{other}/2020-02?handler=Pdf");
        using var csv = await enterprise.GetAsync($"/Relief/Statements/Month/{other}/2020-02?handler=Csv");

        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var file = Path.Combine(Path.GetTempPath(), $"wenjiu-statement-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "wenjiu-statement-last.pdf"), pdf);
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
