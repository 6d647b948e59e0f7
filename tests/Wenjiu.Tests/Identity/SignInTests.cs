using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Identity;

public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_signs_in_with_the_right_password_and_the_sign_in_is_audited(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var client = SignIn.NewClient(factory);

        using var response = await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Forms.Location(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("wenjiu.auth=", StringComparison.Ordinal));
        var entry = Assert.Single(await AuditEntriesAsync(factory, "sign-in."));
        Assert.Equal(("sign-in.succeeded", user.UserName, $"user:{user.UserName}"), (entry.Action, entry.Actor, entry.Record));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_wrong_password_is_refused_with_a_message_beside_the_field_and_audited(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var client = SignIn.NewClient(factory);

        using var response = await SignIn.PostPasswordAsync(client, user.UserName!, "Not-the-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Input_UserName\"", html, StringComparison.Ordinal);
        Assert.Contains("用户名或密码不正确", html, StringComparison.Ordinal);
        Assert.Equal("sign-in.failed", Assert.Single(await AuditEntriesAsync(factory, "sign-in.")).Action);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var client = SignIn.NewClient(factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await SignIn.PostPasswordAsync(client, user.UserName!, "Not-the-password-1")).Dispose();
        }

        using var response = await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户因多次登录失败已被锁定", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("wenjiu.auth=", StringComparison.Ordinal)));
        var actions = (await AuditEntriesAsync(factory, "sign-in.")).Select(e => e.Action).ToList();
        Assert.Equal(["sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.locked-out", "sign-in.locked-out"], actions);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_without_an_antiforgery_token_is_rejected(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var client = SignIn.NewClient(factory);
        (await client.GetAsync(new Uri("/Account/SignIn", UriKind.Relative))).Dispose();
        using var form = new FormUrlEncodedContent([new("Input.UserName", user.UserName!), new("Input.Password", SignIn.Password)]);

        using var response = await client.PostAsync(new Uri("/Account/SignIn", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await AuditEntriesAsync(factory, "sign-in."));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sign_in_attempts_beyond_ten_a_minute_are_answered_with_429_and_a_clear_message(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = SignIn.NewClient(factory);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var allowed = await SignIn.PostPasswordAsync(client, "nobody", "Not-the-password-1");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var response = await SignIn.PostPasswordAsync(client, "nobody", "Not-the-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("尝试次数过多，请一分钟后再试。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Signing_out_takes_a_post_and_is_audited(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = await SignIn.AsAsync(factory, Roles.JobSeeker);

        using var response = await Forms.PostAsync(client, "/Account/SignOut", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("sign-out", (await AuditEntriesAsync(factory, "sign-out")).Single().Action);
        using var afterwards = await client.GetAsync(new Uri("/Account/TwoFactor", UriKind.Relative));
        Assert.StartsWith("/Account/SignIn", Forms.Location(afterwards), StringComparison.Ordinal);
    }

    internal static async Task<List<Platform.Audit.AuditEntry>> AuditEntriesAsync(WenjiuFactory factory, string actionPrefix)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.AuditEntries.Where(e => e.Action.StartsWith(actionPrefix)).OrderBy(e => e.Id).ToListAsync();
    }
}
