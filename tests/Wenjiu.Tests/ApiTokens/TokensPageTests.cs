using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.ApiTokens;

/// <summary>Issue 8 §7: a user makes and revokes their own tokens on /Account/Tokens; staff only with a fresh TOTP code.</summary>
public sealed partial class TokensPageTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_staff_user_makes_a_token_on_the_page_only_with_a_fresh_authenticator_code(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        var key = await SignIn.EnableAuthenticatorAsync(factory, user.UserName!);
        using var client = SignIn.NewClient(factory);
        await SignIn.WithPasswordAsync(client, factory, user.UserName!, SignIn.Password);

        using var withoutCode = await Forms.PostAsync(client, "/Account/Tokens", [new("Input.Name", "bank-feed"), new("Input.Days", "30")]);
        var refused = await withoutCode.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, withoutCode.StatusCode);
        Assert.Contains("id=\"Input_Code-error\"", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("new-token-value", refused, StringComparison.Ordinal);
        Assert.Equal(0, await TokenCountAsync(factory));

        using var withCode = await Forms.PostAsync(client, "/Account/Tokens", [new("Input.Name", "bank-feed"), new("Input.Days", "30"), new("Input.Code", SignIn.Code(key))]);
        var token = ShownToken(await withCode.Content.ReadAsStringAsync());
        Assert.True(withCode.Headers.CacheControl?.NoStore, "the answer holding the token may be cached");
        using var api = ApiTokenTests.BearerClient(factory, token);
        using var response = await api.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_makes_and_revokes_its_own_token_on_the_page(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = await SignIn.AsAsync(factory, Roles.Enterprise, Registry.RegistryData.NewUscc());
        using var made = await Forms.PostAsync(client, "/Account/Tokens", [new("Input.Name", "payroll"), new("Input.Days", "90")]);
        var token = ShownToken(await made.Content.ReadAsStringAsync());
        var id = await OnlyTokenIdAsync(factory);

        using var listed = await client.GetAsync(new Uri("/Account/Tokens", UriKind.Relative));
        var list = await listed.Content.ReadAsStringAsync();
        Assert.Contains("payroll", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        using var revoked = await Forms.PostAsync(client, "/Account/Tokens", [], $"/Account/Tokens?handler=Revoke&id={id}");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var api = ApiTokenTests.BearerClient(factory, token);
        using var response = await api.GetAsync(new Uri("/api/v1/employers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_cannot_revoke_another_users_token(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var token = await ApiTokenTests.CreateTokenAsync(factory, Roles.Enterprise, Registry.RegistryData.NewUscc());
        var id = await OnlyTokenIdAsync(factory);
        using var other = await SignIn.AsAsync(factory, Roles.Enterprise, Registry.RegistryData.NewUscc());

        using var attempt = await Forms.PostAsync(other, "/Account/Tokens", [], $"/Account/Tokens?handler=Revoke&id={id}");

        using var api = ApiTokenTests.BearerClient(factory, token);
        using var response = await api.GetAsync(new Uri($"/api/v1/files/{Guid.Empty}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null((await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ApiTokens.SingleAsync()).RevokedAt);
    }

    private static string ShownToken(string html)
    {
        var match = TokenValue().Match(html);
        Assert.True(match.Success, "the page shows no new token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<int> TokenCountAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ApiTokens.CountAsync();
    }

    private static async Task<Guid> OnlyTokenIdAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().ApiTokens.SingleAsync()).Id;
    }

    [GeneratedRegex("id=\"new-token-value\">([^<]+)<")]
    private static partial Regex TokenValue();
}
