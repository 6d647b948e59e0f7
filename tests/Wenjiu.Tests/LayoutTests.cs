using System.Globalization;
using System.Net;
using System.Resources;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests;

public sealed class LayoutTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_language_switch_is_remembered_and_goes_back_to_the_page(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var reviewer = await SignedInClient.CreateAsync(factory, Roles.Reviewer);
        var before = await reviewer.GetPageAsync("/Registry/Employers");

        using var switched = await reviewer.PostFormAsync("/Registry/Employers", "/culture", [new("culture", "en"), new("returnUrl", "/Registry/Employers?district=110105")]);
        var after = await reviewer.GetPageAsync("/Registry/Employers");

        Assert.Contains("<html lang=\"zh-CN\">", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Registry/Employers?district=110105", switched.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"en\">", after, StringComparison.Ordinal);
        Assert.Contains("Find an employer", after, StringComparison.Ordinal);
        Assert.Contains("id=\"language-zh\"", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_language_switch_never_sends_the_user_off_the_site(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var visitor = SignedInClient.Anonymous(factory);

        using var switched = await visitor.PostFormAsync("/", "/culture", [new("culture", "en"), new("returnUrl", "//evil.example/")]);

        Assert.Equal("/", switched.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_visitor_sees_the_sign_in_link_and_no_navigation(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var visitor = SignedInClient.Anonymous(factory);

        var html = await visitor.GetPageAsync("/");

        Assert.Contains("id=\"sign-in\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", html, StringComparison.Ordinal);
        Assert.Contains("class=\"skip-link\" href=\"#main\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_signed_in_user_sees_its_name_and_a_sign_out_form(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var specialist = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        var html = await specialist.GetPageAsync("/");

        Assert.Contains($"<span id=\"signed-in-user\">测试 {Roles.ServiceSpecialist}</span>", html, StringComparison.Ordinal);
        Assert.Matches("<form method=\"post\" action=\"/Account/SignOut\"[^>]*>(.|\\n)*?__RequestVerificationToken", html);
    }

    public static TheoryData<Type> TextResources => [typeof(Web.Localization.SiteText), typeof(Wenjiu.Registry.Localization.RegistryText), typeof(Wenjiu.Relief.Localization.ReliefText), typeof(Wenjiu.Reviews.Localization.ReviewsText), typeof(Wenjiu.Payments.Localization.PaymentsText), typeof(Wenjiu.Recruitment.Localization.RecruitmentText), typeof(Wenjiu.Ledger.Localization.LedgerText)];

    [Theory]
    [MemberData(nameof(TextResources))]
    public void Every_text_exists_in_chinese_and_in_english(Type resource)
    {
        var manager = new ResourceManager(resource.FullName!, resource.Assembly);

        var chinese = Texts(manager, CultureInfo.InvariantCulture);
        var english = Texts(manager, new CultureInfo("en"));

        Assert.NotEmpty(chinese);
        Assert.Equal(chinese.Keys.Order(), english.Keys.Order());
        Assert.All(chinese, text => Assert.False(string.IsNullOrWhiteSpace(text.Value), text.Key));
        Assert.All(english, text => Assert.False(string.IsNullOrWhiteSpace(text.Value), text.Key));
    }

    private static Dictionary<string, string> Texts(ResourceManager manager, CultureInfo culture) =>
        manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
}
