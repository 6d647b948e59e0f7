using System.Net;
using System.Text.Json;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests;

/// <summary>
/// Problem details of every /api/v1 endpoint in the caller's language (Accept-Language; zh-CN when absent), one way
/// (Platform's ApiProblems): the same bad request in zh-CN and in English answers each in its own language.
/// </summary>
public sealed class ApiLanguageTests
{
    [Theory]
    [InlineData(null, "需要登录")]
    [InlineData("zh-CN", "需要登录")]
    [InlineData("en", "Sign-in required")]
    public async Task A_signed_out_caller_gets_a_401_titled_in_its_language(string? language, string title)
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await SendAsync(client, "/api/v1/employers", language);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(title, await TitleAsync(response));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_bad_report_request_is_answered_in_chinese_and_in_english(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        const string path = "/api/v1/relief/reports/relief?format=pdf&from=2020-13&by=colour";

        using var chinese = await SendAsync(staff.Http, path, "zh-CN");
        using var english = await SendAsync(staff.Http, path, "en-US,en;q=0.8");

        var zh = await ProblemAsync(chinese);
        var en = await ProblemAsync(english);
        Assert.Equal("请求中有错误", zh.GetProperty("title").GetString());
        Assert.Equal("The request has errors", en.GetProperty("title").GetString());
        Assert.Equal("格式只能是 json、csv 或 xlsx", zh.GetProperty("errors").GetProperty("format")[0].GetString());
        Assert.Equal("json, csv or xlsx", en.GetProperty("errors").GetProperty("format")[0].GetString());
        Assert.Equal("“2020-13”不是 YYYY-MM 格式的月份", zh.GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.Equal("'2020-13' is not a month written YYYY-MM", en.GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.StartsWith("“colour”不是可用的分组", zh.GetProperty("errors").GetProperty("by")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Registry_and_assessment_errors_follow_accept_language(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var searchZh = await SendAsync(staff.Http, "/api/v1/employers?district=999999", "zh-CN");
        using var searchEn = await SendAsync(staff.Http, "/api/v1/employers?district=999999", "en");
        using var diffZh = await SendAsync(staff.Http, "/api/v1/relief/assessments/diff?month=2020-02", "zh-CN");
        using var diffEn = await SendAsync(staff.Http, "/api/v1/relief/assessments/diff?month=2020-02", "en");

        var zh = await ProblemAsync(searchZh);
        var en = await ProblemAsync(searchEn);
        Assert.Equal("请求中有错误", zh.GetProperty("title").GetString());
        Assert.Equal("The request has errors", en.GetProperty("title").GetString());
        Assert.Equal("Choose a district from the list", en.GetProperty("errors").GetProperty("district")[0].GetString());
        Assert.NotEqual(en.GetProperty("errors").GetProperty("district")[0].GetString(), zh.GetProperty("errors").GetProperty("district")[0].GetString());
        Assert.Equal("须给出版本号（整数）", (await ProblemAsync(diffZh)).GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.Equal("a version number is required", (await ProblemAsync(diffEn)).GetProperty("errors").GetProperty("from")[0].GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_route_that_matches_nothing_is_a_404_titled_in_the_callers_language(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var zh = await SendAsync(staff.Http, "/api/v1/no-such-thing", "zh-CN");
        using var en = await SendAsync(staff.Http, "/api/v1/no-such-thing", "en");

        Assert.Equal(HttpStatusCode.NotFound, zh.StatusCode);
        Assert.Equal("未找到", await TitleAsync(zh));
        Assert.Equal("Not found", await TitleAsync(en));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static async Task<string?> TitleAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("title").GetString();
    }
}
