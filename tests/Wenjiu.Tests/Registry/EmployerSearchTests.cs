using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class EmployerSearchTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_filter_narrows_the_search_and_they_combine(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var soft = await RegistryData.AddEmployerAsync(factory, "北京星河朝阳科技有限公司", industry: "software_it", district: "110105", employees: 150, revenue: 2000m);
        var shop = await RegistryData.AddEmployerAsync(factory, "北京星河海淀商店", industry: "retail", district: "110108", employees: 5, revenue: 50m);
        var key = await RegistryData.AddEmployerAsync(factory, "北京远航朝阳物流有限公司", industry: "transport", district: "110105", employees: 1200, revenue: 40000m, keyEnterprise: true);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        var byName = await UsccsAsync(staff, "name=星河");
        var byDistrict = await UsccsAsync(staff, "district=110105");
        var byIndustry = await UsccsAsync(staff, "industry=retail");
        var bySize = await UsccsAsync(staff, "size=large");
        var byKey = await UsccsAsync(staff, "key=true");
        var byCode = await UsccsAsync(staff, $"code={shop.Uscc}");
        var byCodePrefix = await UsccsAsync(staff, $"code={soft.Uscc[..12]}");
        var combined = await UsccsAsync(staff, "name=星河&district=110105&size=medium&key=false");

        Assert.Equal(new[] { shop.Uscc, soft.Uscc }.Order(), byName.Order());
        Assert.Equal(new[] { soft.Uscc, key.Uscc }.Order(), byDistrict.Order());
        Assert.Equal([shop.Uscc], byIndustry);
        Assert.Equal([key.Uscc], bySize);
        Assert.Equal([key.Uscc], byKey);
        Assert.Equal([shop.Uscc], byCode);
        Assert.Contains(soft.Uscc, byCodePrefix);
        Assert.Equal([soft.Uscc], combined);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Results_come_in_pages_with_the_total(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        for (var i = 0; i < 7; i++)
        {
            await RegistryData.AddEmployerAsync(factory, $"北京测试{i}号有限公司");
        }

        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var first = await JsonAsync(staff, "/api/v1/employers?name=测试&page_size=3&page=1");
        var last = await JsonAsync(staff, "/api/v1/employers?name=测试&page_size=3&page=3");

        Assert.Equal(7, first.GetProperty("total").GetInt32());
        Assert.True(first.GetProperty("total_is_exact").GetBoolean());
        Assert.Equal(["北京测试0号有限公司", "北京测试1号有限公司", "北京测试2号有限公司"], Names(first));
        Assert.Equal(["北京测试6号有限公司"], Names(last));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_search_page_lists_matches_and_links_each_to_its_page(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京青松软件有限公司");
        await RegistryData.AddEmployerAsync(factory, "北京白桦餐馆", industry: "catering");
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        var html = await staff.GetPageAsync("/Registry/Employers?name=青松");

        Assert.Contains($"href=\"/Registry/Employers/Detail/{employer.Uscc}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("北京白桦餐馆", html, StringComparison.Ordinal);
        Assert.Contains("共 1 家单位", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_wrong_filter_is_a_400_problem_naming_the_parameter(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        using var response = await staff.GetAsync("/api/v1/employers?size=huge&page_size=1000");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("size", out _));
        Assert.True(errors.TryGetProperty("page_size", out _));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_wrong_filter_on_the_page_is_shown_in_the_summary_and_beside_the_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        var html = await staff.GetPageAsync("/Registry/Employers?district=999999");

        Assert.Contains("<a href=\"#District\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"District-error\"", html, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> JsonAsync(SignedInClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<string>> UsccsAsync(SignedInClient client, string query) =>
        (await JsonAsync(client, "/api/v1/employers?" + query)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("uscc").GetString()!).ToList();

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
}
