using System.Net;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests;

/// <summary>The layout's navigation and account furniture (issue 7, §6 "Navigation and account").</summary>
public sealed class NavigationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_finds_the_audit_log_and_user_administration_in_the_navigation_and_other_staff_do_not(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var adminHome = await admin.GetPageAsync("/");
        var reviewerHome = await reviewer.GetPageAsync("/");

        Assert.Contains("id=\"nav-admin-audit\" href=\"/Admin/Audit\"", adminHome, StringComparison.Ordinal);
        Assert.Contains("id=\"nav-admin-users\" href=\"/Admin/Users\"", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-admin-", reviewerHome, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_account_menu_offers_profile_two_factor_and_password_and_signs_out_by_a_post_form(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise);

        var html = await enterprise.GetPageAsync("/");

        Assert.Contains("id=\"account-menu\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/Profile\" id=\"account-profile\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/TwoFactor\" id=\"account-two-factor\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/ChangePassword\" id=\"account-change-password\"", html, StringComparison.Ordinal);
        Assert.Matches("<form method=\"post\" action=\"/Account/SignOut\"[^>]*>((?!</form>)(.|\\n))*id=\"sign-out\"((?!</form>)(.|\\n))*__RequestVerificationToken", html);
        Assert.DoesNotContain("<a href=\"/Account/SignOut\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_header_search_is_for_staff_and_sends_a_credit_code_to_the_code_search_and_a_name_to_the_name_search(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京页头搜索科技有限公司");
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer.Uscc);

        var staffHome = await staff.GetPageAsync("/");
        var enterpriseHome = await enterprise.GetPageAsync("/");
        using var byCode = await staff.GetAsync($"/search?q={employer.Uscc.ToLowerInvariant()}");
        using var byPrefix = await staff.GetAsync($"/search?q=%20{employer.Uscc[..6]}%20");
        using var byName = await staff.GetAsync("/search?q=" + Uri.EscapeDataString("页头搜索"));
        using var refused = await enterprise.GetAsync("/search?q=" + Uri.EscapeDataString("页头搜索"));
        var found = await staff.GetPageAsync(byName.Headers.Location!.OriginalString);

        Assert.Contains("id=\"header-search\"", staffHome, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"header-search\"", enterpriseHome, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, byCode.StatusCode);
        Assert.Equal($"/Registry/Employers?code={employer.Uscc}", byCode.Headers.Location?.OriginalString);
        Assert.Equal($"/Registry/Employers?code={employer.Uscc[..6]}", byPrefix.Headers.Location?.OriginalString);
        Assert.Equal("/Registry/Employers?name=" + Uri.EscapeDataString("页头搜索"), byName.Headers.Location?.OriginalString);
        Assert.Contains(employer.Uscc, found, StringComparison.Ordinal);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
        Assert.DoesNotContain("/Registry", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_home_page_says_under_each_service_card_what_it_is_for(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        var html = await admin.GetPageAsync("/");

        Assert.Matches("id=\"card-nav-registry-employers\">参保单位</a></h3>\\s*<p class=\"card-text\">[^<]{10,}</p>", html);
        Assert.Matches("id=\"card-nav-admin-audit\">审计日志</a></h3>\\s*<p class=\"card-text\">[^<]{10,}</p>", html);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_page_below_a_section_shows_breadcrumbs_home_then_the_section(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京面包屑测试有限公司");
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var detail = await staff.GetPageAsync($"/Registry/Employers/Detail/{employer.Uscc}");
        var home = await staff.GetPageAsync("/");

        Assert.Matches("<ol class=\"breadcrumb\">\\s*<li class=\"breadcrumb-item\"><a href=\"/\">首页</a></li>\\s*<li class=\"breadcrumb-item\"><a href=\"/Registry/Employers\">参保单位</a></li>\\s*<li class=\"breadcrumb-item active\" aria-current=\"page\">", detail);
        Assert.DoesNotContain("id=\"breadcrumbs\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_names_the_favicon_and_it_is_served()
    {
        await using var factory = await WenjiuFactory.CreateAsync();
        using var visitor = SignedInClient.Anonymous(factory);

        var home = await visitor.GetPageAsync("/");
        using var icon = await visitor.GetAsync("/favicon.svg");

        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }
}
