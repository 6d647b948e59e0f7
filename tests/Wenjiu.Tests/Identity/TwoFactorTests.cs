using System.Net;
using System.Text.RegularExpressions;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Identity;

public sealed partial class TwoFactorTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_staff_user_without_two_factor_is_sent_to_set_it_up_before_anything_else(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        using var client = SignIn.NewClient(factory);
        (await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password)).Dispose();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/TwoFactor?returnUrl=%2F", Forms.Location(response));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_outside_the_staff_may_go_on_without_two_factor(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = await SignIn.AsAsync(factory, Roles.JobSeeker);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_staff_user_sets_up_two_factor_and_then_signs_in_with_a_code_from_the_authenticator_key(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        using var client = SignIn.NewClient(factory);
        (await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password)).Dispose();
        (await Forms.PostAsync(client, "/Account/TwoFactor?returnUrl=%2F", [], "/Account/TwoFactor?returnUrl=%2F&handler=NewKey")).Dispose();
        using var setUp = await client.GetAsync(new Uri("/Account/TwoFactor?returnUrl=%2F", UriKind.Relative));
        var html = await setUp.Content.ReadAsStringAsync();
        var key = SharedKey().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Contains("otpauth://totp/", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);

        using var confirmed = await Forms.PostWithTokenAsync(client, "/Account/TwoFactor?returnUrl=%2F", Forms.AntiforgeryToken(html), [new("Input.Code", SignIn.Code(key))]);
        var recoveryCodes = RecoveryCode().Matches(await confirmed.Content.ReadAsStringAsync());
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        (await Forms.PostAsync(client, "/Account/SignOut", [])).Dispose();
        using var password = await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password);
        using var second = await Forms.PostAsync(client, Forms.Location(password), [new("Input.Code", SignIn.Code(key))]);
        using var homeAgain = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.StartsWith("/Account/SignInCode", Forms.Location(password), StringComparison.Ordinal);
        Assert.Equal("/", Forms.Location(second));
        Assert.Equal(HttpStatusCode.OK, homeAgain.StatusCode);
        var actions = (await SignInTests.AuditEntriesAsync(factory, "")).Select(e => e.Action).ToList();
        Assert.Equal(["sign-in.succeeded", "two-factor.authenticator-key-created", "two-factor.enabled", "sign-out", "sign-in.succeeded"], actions);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_wrong_code_at_the_second_step_does_not_sign_in(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Administrator);
        var key = await SignIn.EnableAuthenticatorAsync(factory, user.UserName!);
        using var client = SignIn.NewClient(factory);
        using var password = await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password);
        var wrong = SignIn.Code(key) == "000000" ? "111111" : "000000";

        using var response = await Forms.PostAsync(client, Forms.Location(password), [new("Input.Code", wrong)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"#Input_Code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var admin = await client.GetAsync(new Uri("/Admin/Audit", UriKind.Relative));
        Assert.StartsWith("/Account/SignIn", Forms.Location(admin), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_recovery_code_signs_in_once(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.PolicyOfficer);
        using var first = SignIn.NewClient(factory);
        (await SignIn.PostPasswordAsync(first, user.UserName!, SignIn.Password)).Dispose();
        (await Forms.PostAsync(first, "/Account/TwoFactor", [], "/Account/TwoFactor?handler=NewKey")).Dispose();
        using var setUp = await first.GetAsync(new Uri("/Account/TwoFactor", UriKind.Relative));
        var html = await setUp.Content.ReadAsStringAsync();
        var key = SharedKey().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        using var confirmed = await Forms.PostWithTokenAsync(first, "/Account/TwoFactor", Forms.AntiforgeryToken(html), [new("Input.Code", SignIn.Code(key))]);
        var recoveryCode = RecoveryCode().Match(await confirmed.Content.ReadAsStringAsync()).Groups[1].Value;

        async Task<string> SecondStepWithRecoveryCodeAsync()
        {
            using var client = SignIn.NewClient(factory);
            using var password = await SignIn.PostPasswordAsync(client, user.UserName!, SignIn.Password);
            using var second = await Forms.PostAsync(client, Forms.Location(password), [new("Input.Code", recoveryCode)]);
            return second.StatusCode == HttpStatusCode.Redirect ? Forms.Location(second) : ((int)second.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal("/", await SecondStepWithRecoveryCodeAsync());
        Assert.Equal("200", await SecondStepWithRecoveryCodeAsync());
    }

    [GeneratedRegex("""<code id="shared-key">([a-z0-9 ]+)</code>""")]
    private static partial Regex SharedKey();

    [GeneratedRegex("""<li><code>([A-Za-z0-9-]+)</code></li>""")]
    private static partial Regex RecoveryCode();
}
