using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Sessions;

/// <summary>Viewing the two-factor page changes nothing; a key is made only by an explicit post (issue 7 §5).</summary>
public sealed class TwoFactorPageTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Viewing_the_two_factor_page_makes_no_key_and_keeps_the_security_stamp_and_the_session(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);
        var stamp = (await Sessions.UserAsync(factory, user.UserName!)).SecurityStamp;

        using var first = await session.GetAsync("/Account/TwoFactor");
        using var second = await session.GetAsync("/Account/TwoFactor");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(stamp, (await Sessions.UserAsync(factory, user.UserName!)).SecurityStamp);
        Assert.Null(await SignIn.AuthenticatorKeyAsync(factory, user.UserName!));
        Assert.Contains("handler=NewKey", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Sessions.AssertSignedInAsync(session.Http);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_with_an_authenticator_keeps_it_when_the_page_is_viewed(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        var key = await SignIn.EnableAuthenticatorAsync(factory, user.UserName!);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);
        var stamp = (await Sessions.UserAsync(factory, user.UserName!)).SecurityStamp;

        using var page = await session.GetAsync("/Account/TwoFactor");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(key, await SignIn.AuthenticatorKeyAsync(factory, user.UserName!));
        Assert.Equal(stamp, (await Sessions.UserAsync(factory, user.UserName!)).SecurityStamp);
        Assert.True((await Sessions.UserAsync(factory, user.UserName!)).TwoFactorEnabled);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Setting_up_an_authenticator_is_a_post_that_makes_a_key_and_keeps_this_session(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);

        using var made = await session.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor?handler=NewKey", []);

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var key = await SignIn.AuthenticatorKeyAsync(factory, user.UserName!);
        Assert.False(string.IsNullOrEmpty(key));
        var page = await session.GetPageAsync("/Account/TwoFactor");
        Assert.Contains("id=\"shared-key\"", page, StringComparison.Ordinal);
        Assert.Equal(key, await SignIn.AuthenticatorKeyAsync(factory, user.UserName!));
        Assert.Single(await Identity.SignInTests.AuditEntriesAsync(factory, "two-factor.authenticator-key-created"));
    }
}
