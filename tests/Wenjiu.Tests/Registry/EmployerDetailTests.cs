using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class EmployerDetailTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_employer_page_shows_the_size_class_and_why(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司", industry: "software_it", employees: 150, revenue: 800m);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        var html = await staff.GetPageAsync($"/Registry/Employers/Detail/{employer.Uscc}");

        // 150 employees meet the medium bound (100) but revenue 800 misses it (1,000): small, and the page says so.
        Assert.Contains("<strong id=\"size-class\">小型</strong>", html, StringComparison.Ordinal);
        Assert.Contains("非中型：营业收入(万元) 800 &lt; 1,000", html, StringComparison.Ordinal);
        Assert.Contains("id=\"size-tests\"", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"entity-type\">企业</dd>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_detail_api_explains_the_size_class_in_the_language_asked_for(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司", industry: "software_it", employees: 150, revenue: 800m);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/employers/{employer.Uscc}");
        request.Headers.AcceptLanguage.ParseAdd("en");

        using var response = await staff.Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("small", body.GetProperty("size_class").GetString());
        Assert.Equal("enterprise", body.GetProperty("entity_type").GetString());
        Assert.Contains("not medium: revenue (10k yuan) 800 < 1,000", body.GetProperty("size_class_explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains(body.GetProperty("size_tests").EnumerateArray(), t => t.GetProperty("size_class").GetString() == "medium" && !t.GetProperty("met").GetBoolean());
        Assert.Equal(24, body.GetProperty("headcount").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Headcount_counts_the_spells_covering_each_of_the_24_months_up_to_the_latest_month_with_data(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var thisMonth = new YearMonth(now.Year, now.Month);
        static int Key(YearMonth m) => (m.Year * 100) + m.Month;
        var ongoing = await RegistryData.AddPersonAsync(factory, "张伟", RegistryData.NewIdNumber());
        var left = await RegistryData.AddPersonAsync(factory, "李娜", RegistryData.NewIdNumber());
        await RegistryData.AddSpellAsync(factory, ongoing.Id, employer.Uscc, Key(thisMonth.AddMonths(-30)));
        await RegistryData.AddSpellAsync(factory, left.Id, employer.Uscc, Key(thisMonth.AddMonths(-5)), Key(thisMonth.AddMonths(-2)));
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        using var response = await staff.GetAsync($"/api/v1/employers/{employer.Uscc}");
        var months = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("headcount").EnumerateArray()
            .Select(h => (Month: h.GetProperty("month").GetString()!, Insured: h.GetProperty("insured").GetInt32())).ToList();
        var headcount = months.ToDictionary(h => h.Month, h => h.Insured);

        // The registry's latest data is the month 李娜 left (two months ago), not this month: the 24 months end there.
        var latest = thisMonth.AddMonths(-2);
        Assert.Equal(24, headcount.Count);
        Assert.Equal(latest.ToString(), months[^1].Month);
        Assert.Equal(latest.AddMonths(-23).ToString(), months[0].Month);
        Assert.False(headcount.ContainsKey(thisMonth.ToString()));
        Assert.Equal(1, headcount[latest.AddMonths(-23).ToString()]);
        Assert.Equal(1, headcount[thisMonth.AddMonths(-6).ToString()]);
        Assert.Equal(2, headcount[thisMonth.AddMonths(-5).ToString()]);
        Assert.Equal(2, headcount[latest.ToString()]);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_employee_list_masks_names_and_identity_numbers(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        var idNumber = RegistryData.NewIdNumber();
        var person = await RegistryData.AddPersonAsync(factory, "欧阳明月", idNumber);
        await RegistryData.AddSpellAsync(factory, person.Id, employer.Uscc, 201905);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        var html = await admin.GetPageAsync($"/Registry/Employers/Detail/{employer.Uscc}");

        Assert.Contains($"{idNumber[..6]}********{idNumber[^4..]}", html, StringComparison.Ordinal);
        Assert.Contains("欧***", html, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, html, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳明月", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_employer_is_a_404_on_the_page_and_the_api(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        var unknown = RegistryData.NewUscc();

        using var page = await staff.GetAsync($"/Registry/Employers/Detail/{unknown}");
        using var api = await staff.GetAsync($"/api/v1/employers/{unknown}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("找不到该页面", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>The employer page's employee list paged past its end, on both databases (issue 7 §1's crawl found it).</summary>
public sealed class EmployerEmployeePagingTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_employee_page_past_the_last_shows_the_last_page(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京翻页科技有限公司");
        var idNumber = RegistryData.NewIdNumber();
        var person = await RegistryData.AddPersonAsync(factory, "张伟", idNumber);
        await RegistryData.AddSpellAsync(factory, person.Id, employer.Uscc, 202001);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        var html = await staff.GetPageAsync($"/Registry/Employers/Detail/{employer.Uscc}?employeesPage={int.MaxValue}");

        Assert.Contains(Wenjiu.Platform.PersonalData.Masking.IdentityNumber(idNumber), html, StringComparison.Ordinal);
    }
}
