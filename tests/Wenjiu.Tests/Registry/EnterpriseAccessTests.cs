using System.Net;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

public sealed class EnterpriseAccessTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_sees_its_own_employer_on_the_page_and_the_api(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await RegistryData.AddEmployerAsync(factory, "北京自家科技有限公司");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own.Uscc);

        using var page = await enterprise.GetAsync($"/Registry/Employers/Detail/{own.Uscc}");
        using var api = await enterprise.GetAsync($"/api/v1/employers/{own.Uscc}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("北京自家科技有限公司", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"edit-employer\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_gets_404_for_another_employer_on_the_page_and_the_api(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await RegistryData.AddEmployerAsync(factory, "北京自家科技有限公司");
        var other = await RegistryData.AddEmployerAsync(factory, "北京别家科技有限公司");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own.Uscc);

        using var page = await enterprise.GetAsync($"/Registry/Employers/Detail/{other.Uscc}");
        using var api = await enterprise.GetAsync($"/api/v1/employers/{other.Uscc}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("北京别家科技有限公司", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("北京别家科技有限公司", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_can_neither_search_nor_edit_nor_import(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await RegistryData.AddEmployerAsync(factory, "北京自家科技有限公司");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own.Uscc);

        using var searchApi = await enterprise.GetAsync("/api/v1/employers");
        using var searchPage = await enterprise.GetAsync("/Registry/Employers");
        using var editPage = await enterprise.GetAsync($"/Registry/Employers/Edit/{own.Uscc}");
        using var importPage = await enterprise.GetAsync("/Registry/Imports");

        Assert.Equal(HttpStatusCode.Forbidden, searchApi.StatusCode);
        Assert.All([searchPage, editPage, importPage], response =>
            Assert.Equal("/Account/Denied", response.Headers.Location?.AbsolutePath));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_navigation_offers_each_role_only_what_it_can_open(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await RegistryData.AddEmployerAsync(factory, "北京自家科技有限公司");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own.Uscc);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);

        var enterpriseHome = await enterprise.GetPageAsync("/");
        var staffHome = await staff.GetPageAsync("/");
        var seekerHome = await seeker.GetPageAsync("/");

        Assert.Contains($"id=\"nav-registry-my-employer\" href=\"/Registry/Employers/Detail/{own.Uscc}\"", enterpriseHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-registry-employers", enterpriseHome, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-registry-employers\"", staffHome, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-registry-persons\"", staffHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-registry-imports", staffHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-registry-my-employer", staffHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-registry", seekerHome, StringComparison.Ordinal);
    }
}
