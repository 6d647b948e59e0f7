using System.Net;
using System.Text.Json;
using System.Text;
using ClosedXML.Excel;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;
using Wenjiu.Relief.Features.Reports;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// Relief reports over the current runs (issue 3 §4). The population is small and its sums are worked out by hand:
/// 2020-02, version 2 (current):
///   A large  110105 software_it 10 insured, pension due 16,000.00, relief 8,000.00, deferred 1,000.00
///   B small  110105 retail       4 insured, due 3,000.00, relief 3,000.00
///   C small  110108 software_it  6 insured, due 5,000.50, relief 5,000.50
///   D individual business 110108 catering 1 insured, due 600.00, relief 600.00
/// 2020-02, version 1 (superseded): E large, 100 insured, 99,999.00 relief; never counted.
/// 2020-03 (current): A 10 insured, 16,000.00 / 8,000.00; C 6 insured, 5,000.00 / 5,000.00.
/// </summary>
public sealed class ReliefReportTests
{
    private static readonly string[] SizeClassHeader =
        ["企业规模代码", "企业规模", "单位数（户）", "参保人数（人）", "单位应缴（减免前，元）", "减免额（元）", "单位应缴（减免后，元）", "缓缴金额（元）", "个人应缴（元）", "人均减免（元）"];

    // large: 8,000.00 / 10 = 800.00; small: (3,000.00 + 5,000.50) / (4 + 6) = 800.05; individual business 600.00 / 1.
    private static readonly string[] February =
    [
        "large,大型企业,1,10,16000.00,8000.00,8000.00,1000.00,0.00,800.00",
        "small,小型企业,2,10,8000.50,8000.50,0.00,0.00,0.00,800.05",
        "individual_business,个体工商户,1,1,600.00,600.00,0.00,0.00,0.00,600.00",
    ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_by_size_class_sums_the_current_run_only(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var json = await GetJsonAsync(staff, "/api/v1/relief/reports/relief?month=2020-02&by=size_class");

        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["large", "small", "individual_business"], rows.Select(r => r.GetProperty("size_class").GetString()));
        Assert.Equal([1, 2, 1], rows.Select(r => r.GetProperty("employers").GetInt32()));
        Assert.Equal([10L, 10L, 1L], rows.Select(r => r.GetProperty("insured").GetInt64()));
        Assert.Equal([8000.00m, 8000.50m, 600.00m], rows.Select(r => r.GetProperty("employer_relief").GetDecimal()));
        Assert.Equal([800.00m, 800.05m, 600.00m], rows.Select(r => r.GetProperty("relief_per_insured").GetDecimal()));
        var total = json.RootElement.GetProperty("total");
        Assert.Equal(4, total.GetProperty("employers").GetInt32());
        Assert.Equal(21, total.GetProperty("insured").GetInt64());
        Assert.Equal(24600.50m, total.GetProperty("employer_due").GetDecimal());
        Assert.Equal(16600.50m, total.GetProperty("employer_relief").GetDecimal());
        Assert.Equal(1000.00m, total.GetProperty("deferred").GetDecimal());
        Assert.Equal(790.50m, total.GetProperty("relief_per_insured").GetDecimal()); // 16,600.50 / 21 = 790.5
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_groups_by_any_dimensions_over_a_range_and_filters(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var json = await GetJsonAsync(staff, "/api/v1/relief/reports/relief?from=2020-02&to=2020-03&by=month,district&industry=software_it");

        var rows = json.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => $"{r.GetProperty("month").GetString()} {r.GetProperty("district").GetString()} {r.GetProperty("employers").GetInt32()} {r.GetProperty("insured").GetInt64()} {r.GetProperty("employer_relief").GetDecimal():0.00}")
            .ToList();
        Assert.Equal(["2020-02 110105 1 10 8000.00", "2020-02 110108 1 6 5000.50", "2020-03 110105 1 10 8000.00", "2020-03 110108 1 6 5000.00"], rows);
        Assert.Equal(["2020-02", "2020-03"], json.RootElement.GetProperty("months").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_by_sector_rolls_industries_up(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var json = await GetJsonAsync(staff, "/api/v1/relief/reports/relief?month=2020-02&by=sector");

        // Software, retail and catering are all tertiary: one row with every employer of the month.
        var row = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal("tertiary", row.GetProperty("sector").GetString());
        Assert.Equal(4, row.GetProperty("employers").GetInt32());
        Assert.Equal(16600.50m, row.GetProperty("employer_relief").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bad_grouping_or_month_is_a_problem_naming_the_field(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var response = await staff.GetAsync("/api/v1/relief/reports/relief?from=2020-13&by=size_class,colour");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains("colour", errors.GetProperty("by")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("2020-13", errors.GetProperty("from")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_csv_export_has_the_grouping_and_the_figures_with_two_decimals(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var response = await staff.GetAsync("/api/v1/relief/reports/relief?month=2020-02&by=size_class&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("relief_2020-02_size_class.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Equal([string.Join(',', SizeClassHeader), .. February], Lines(bytes));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_xlsx_export_holds_the_same_figures_codes_as_text_and_a_total_row(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var response = await staff.GetAsync("/api/v1/relief/reports/relief?month=2020-02&by=month,size_class&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("社保费减免报表", sheet.Name);
        Assert.Equal(["月份", "企业规模代码", "企业规模", "单位数（户）", "参保人数（人）", "单位应缴（减免前，元）", "减免额（元）"], Enumerable.Range(1, 7).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(XLDataType.Text, sheet.Cell(2, 1).DataType);
        Assert.Equal("2020-02", sheet.Cell(2, 1).GetString());
        Assert.Equal("large", sheet.Cell(2, 2).GetString());
        Assert.Equal("大型企业", sheet.Cell(2, 3).GetString());
        Assert.Equal(10, sheet.Cell(2, 5).GetValue<int>());
        Assert.Equal(8000.50m, sheet.Cell(3, 7).GetValue<decimal>());
        Assert.Equal("合计", sheet.Cell(5, 1).GetString());
        Assert.Equal(16600.50m, sheet.Cell(5, 7).GetValue<decimal>());
        Assert.True(sheet.Cell(6, 1).IsEmpty());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_verb_writes_the_csv_the_api_serves(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        var file = new FileInfo(Path.Combine(factory.DataDirectory, "relief.csv"));
        using var error = new StringWriter();

        var exit = await ReportCommand.RunAsync(factory.Services, new ReportOptions("2020-02", null, null, "size_class", "csv", file), error, CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = Lines(await File.ReadAllBytesAsync(file.FullName));
        Assert.Equal([string.Join(',', SizeClassHeader), .. February], lines);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_verb_refuses_an_unknown_grouping_naming_the_option(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var error = new StringWriter();

        var exit = await ReportCommand.RunAsync(factory.Services, new ReportOptions("2020-02", null, null, "size", "csv", new FileInfo(Path.Combine(factory.DataDirectory, "x.csv"))), error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.StartsWith("--by: 'size' is not a grouping", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_page_shows_the_table_the_total_and_the_downloads(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var html = await staff.GetPageAsync("/Relief/Reports?from=2020-02&to=2020-02&by=size_class&culture=en");

        Assert.Contains("<th scope=\"row\" data-code=\"small\">Small</th>", html, StringComparison.Ordinal);
        Assert.Contains("8,000.50", html, StringComparison.Ordinal);
        Assert.Contains("16,600.50", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/relief/reports/relief?from=2020-02&amp;to=2020-02&amp;by=size_class&amp;format=csv\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"download-xlsx\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_report_page_opens_on_the_latest_month_by_size_class(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var html = await staff.GetPageAsync("/Relief/Reports");

        Assert.Contains("value=\"2020-03\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"by-size_class\" name=\"by\" value=\"size_class\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("13,000.00", html, StringComparison.Ordinal); // March: 8,000.00 + 5,000.00
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_dashboard_has_a_chart_and_a_table_for_each_view(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var html = await staff.GetPageAsync("/Relief/Dashboard?month=2020-02");

        foreach (var view in new[] { "by-month", "by-district", "by-industry", "by-sector" })
        {
            Assert.Contains($"id=\"chart-{view}\"", html, StringComparison.Ordinal);
            Assert.Contains($"<table id=\"table-{view}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-source=\"/api/v1/relief/reports/relief?by=district&amp;month=2020-02\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/lib/echarts/echarts.min.js", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/relief-charts.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"kpi-relief\">1.66 万元", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Employers_over_several_months_are_counted_once_each_not_once_a_month(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        using var json = await GetJsonAsync(staff, "/api/v1/relief/reports/relief?from=2020-02&to=2020-03&by=size_class");

        // A (large) and C (small) are assessed in both months: 4 employers (A, B, C, D), not 6 employer-months.
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["large", "small", "individual_business"], rows.Select(r => r.GetProperty("size_class").GetString()));
        Assert.Equal([1, 2, 1], rows.Select(r => r.GetProperty("employers").GetInt32()));
        Assert.Equal(4, json.RootElement.GetProperty("total").GetProperty("employers").GetInt32());
        Assert.Equal(29600.50m, json.RootElement.GetProperty("total").GetProperty("employer_relief").GetDecimal());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_amount_on_the_dashboard_and_the_report_shows_its_unit(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);

        var chinese = await staff.GetPageAsync("/Relief/Dashboard?month=2020-02");
        var english = await staff.GetPageAsync("/Relief/Dashboard?month=2020-02&culture=en");
        var report = await staff.GetPageAsync("/Relief/Reports?From=2020-02&To=2020-02&By=size_class");

        Assert.Contains("id=\"kpi-relief\">1.66 万元", chinese, StringComparison.Ordinal);
        Assert.Contains("id=\"kpi-relief\">1.66 × 10k yuan", english, StringComparison.Ordinal);
        Assert.Contains("data-unit=\"万元\"", chinese, StringComparison.Ordinal);
        Assert.Contains("data-unit=\"10k yuan\"", english, StringComparison.Ordinal);
        Assert.Contains(">减免额（元）</th>", chinese, StringComparison.Ordinal);
        Assert.Contains(">Relief (yuan)</th>", english, StringComparison.Ordinal);
        Assert.Contains(">减免额（元）</th>", report, StringComparison.Ordinal);
        Assert.Contains(">人均减免（元）</th>", report, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_chart_library_and_its_licence_are_served_from_the_site(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        using var library = await client.GetAsync("/lib/echarts/echarts.min.js");
        using var licence = await client.GetAsync("/lib/echarts/LICENSE.txt");

        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        Assert.Equal(HttpStatusCode.OK, licence.StatusCode);
        Assert.Contains("Apache License", await licence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_can_open_neither_the_reports_nor_the_dashboard(DatabaseProvider provider)
    {
        await using var factory = await ArrangeAsync(provider);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, RegistryData.NewUscc());

        using var api = await enterprise.GetAsync("/api/v1/relief/reports/relief?month=2020-02");
        using var page = await enterprise.GetAsync("/Relief/Reports");
        using var dashboard = await enterprise.GetAsync("/Relief/Dashboard");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("/Account/Denied", page.Headers.Location?.AbsolutePath);
        Assert.Equal("/Account/Denied", dashboard.Headers.Location?.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_navigation_links_the_dashboard_and_the_reports(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        using var officer = await SignedInClient.CreateAsync(factory, Roles.PolicyOfficer);
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var officerHome = await officer.GetPageAsync("/");
        var reviewerHome = await reviewer.GetPageAsync("/");

        Assert.Contains("id=\"nav-relief-dashboard\" href=\"/Relief/Dashboard\"", officerHome, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-relief-reports\" href=\"/Relief/Reports\"", officerHome, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-relief-scenarios\" href=\"/Relief/Scenarios\"", officerHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-relief-statements", officerHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-relief-dashboard", reviewerHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-relief-reports", reviewerHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-relief-scenarios", reviewerHome, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-relief-statements\" href=\"/Relief/Statements\"", reviewerHome, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-relief-deferrals\" href=\"/Relief/Deferrals\"", reviewerHome, StringComparison.Ordinal);
    }

    private static async Task<WenjiuFactory> ArrangeAsync(DatabaseProvider provider)
    {
        var factory = await WenjiuFactory.CreateAsync(provider);
        string a = RegistryData.NewUscc(), b = RegistryData.NewUscc(), c = RegistryData.NewUscc(district: "110108"), d = RegistryData.NewUscc("92", "110108");
        await ReliefData.AddRunAsync(factory, 202002, current: false, version: 1, ReliefData.Bill(RegistryData.NewUscc(), "large", "110105", "software_it", 100, 99_999m, 99_999m));
        await ReliefData.AddRunAsync(
            factory,
            202002,
            current: true,
            version: 2,
            ReliefData.Bill(a, "large", "110105", "software_it", 10, 16_000m, 8_000m, deferred: 1_000m),
            ReliefData.Bill(b, "small", "110105", "retail", 4, 3_000m, 3_000m),
            ReliefData.Bill(c, "small", "110108", "software_it", 6, 5_000.50m, 5_000.50m),
            ReliefData.Bill(d, "individual_business", "110108", "catering", 1, 600m, 600m));
        await ReliefData.AddRunAsync(
            factory,
            202003,
            current: true,
            version: 1,
            ReliefData.Bill(a, "large", "110105", "software_it", 10, 16_000m, 8_000m),
            ReliefData.Bill(c, "small", "110108", "software_it", 6, 5_000m, 5_000m));
        return factory;
    }

    private static async Task<JsonDocument> GetJsonAsync(SignedInClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string[] Lines(byte[] utf8) =>
        Encoding.UTF8.GetString(utf8).TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
}
