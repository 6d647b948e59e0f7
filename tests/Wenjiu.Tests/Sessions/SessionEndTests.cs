using System.Net;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Identity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Sessions;

/// <summary>
/// A change to what a user may do ends that user's open sessions at once, on every node: the old cookie gets 401 from
/// the API and the sign-in page from pages (issue 7 §5). Each change is made the way an administrator or the user makes it.
/// </summary>
public sealed class SessionEndTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Rebinding_an_enterprise_user_to_another_employer_ends_its_open_sessions_at_once(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var first = (await RegistryData.AddEmployerAsync(factory, "甲公司")).Uscc;
        var second = (await RegistryData.AddEmployerAsync(factory, "乙公司")).Uscc;
        var user = await SignIn.CreateUserAsync(factory, Roles.Enterprise, employerUscc: first);
        using var enterprise = await Sessions.OpenAsync(factory, user.UserName!);
        using var before = await enterprise.GetAsync($"/api/v1/employers/{first}");
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var rebound = await admin.PostFormAsync($"/Admin/Users/Employer?id={user.Id}", $"/Admin/Users/Employer?id={user.Id}", [new("Input.EmployerUscc", second)]);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rebound.StatusCode);
        using var after = await enterprise.GetAsync($"/api/v1/employers/{first}");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        await Sessions.AssertSignedOutAsync(enterprise.Http);
        using var again = await Sessions.OpenAsync(factory, user.UserName!);
        using var nowSecond = await again.GetAsync($"/api/v1/employers/{second}");
        using var nowFirst = await again.GetAsync($"/api/v1/employers/{first}");
        Assert.Equal(HttpStatusCode.OK, nowSecond.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowFirst.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Changing_a_users_roles_ends_its_open_sessions_and_audits_the_change(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);
        await Sessions.AssertSignedInAsync(session.Http);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);

        using var response = await admin.PostFormAsync($"/Admin/Users/Details?id={user.Id}", $"/Admin/Users/Details?id={user.Id}&handler=Roles",
            [new("SelectedRoles", Roles.HrAgency)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Sessions.AssertSignedOutAsync(session.Http);
        Assert.Contains(await SignInTests.AuditEntriesAsync(factory, "user.roles-changed"), e => e.Record == $"user:{user.UserName}" && e.Details == $"roles {Roles.JobSeeker} -> {Roles.HrAgency}");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Disabling_a_user_ends_its_sessions_and_refuses_its_sign_in_until_it_is_enabled(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var page = $"/Admin/Users/Details?id={user.Id}";

        (await admin.PostFormAsync(page, page + "&handler=Disable", [])).Dispose();

        await Sessions.AssertSignedOutAsync(session.Http);
        using var refused = await SignIn.PostPasswordAsync(SignIn.NewClient(factory), user.UserName!, SignIn.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("href=\"#Input_UserName\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (await admin.PostFormAsync(page, page + "&handler=Enable", [])).Dispose();

        using var enabled = await Sessions.OpenAsync(factory, user.UserName!);
        await Sessions.AssertSignedInAsync(enabled.Http);
        var actions = (await SignInTests.AuditEntriesAsync(factory, "user.")).Select(e => e.Action).ToList();
        Assert.Equal(["user.disabled", "user.enabled"], actions);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrators_password_reset_ends_the_users_sessions_and_the_new_password_signs_in(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var page = $"/Admin/Users/Details?id={user.Id}";

        using var reset = await admin.PostFormAsync(page, page + "&handler=ResetPassword", []);

        var password = System.Text.RegularExpressions.Regex.Match(await reset.Content.ReadAsStringAsync(), "<code id=\"new-password\">([^<]+)</code>").Groups[1].Value;
        Assert.Equal(20, password.Length);
        await Sessions.AssertSignedOutAsync(session.Http);
        using var withNew = await Sessions.OpenAsync(factory, user.UserName!, password);
        await Sessions.AssertSignedInAsync(withNew.Http);
        Assert.Single(await SignInTests.AuditEntriesAsync(factory, "user.password-reset"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Unlocking_and_resetting_two_factor_are_audited_and_end_the_users_sessions(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Reviewer);
        await SignIn.EnableAuthenticatorAsync(factory, user.UserName!);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);
        await Sessions.AssertSignedInAsync(session.Http);
        using var admin = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        var page = $"/Admin/Users/Details?id={user.Id}";

        (await admin.PostFormAsync(page, page + "&handler=ResetTwoFactor", [])).Dispose();

        await Sessions.AssertSignedOutAsync(session.Http);
        var reset = await Sessions.UserAsync(factory, user.UserName!);
        Assert.False(reset.TwoFactorEnabled);
        Assert.Null(await SignIn.AuthenticatorKeyAsync(factory, user.UserName!));
        using var again = await Sessions.OpenAsync(factory, user.UserName!);
        (await admin.PostFormAsync(page, page + "&handler=Unlock", [])).Dispose();
        using var afterUnlock = await again.GetAsync("/Account/TwoFactor");
        Assert.StartsWith("/Account/SignIn", Forms.Location(afterUnlock), StringComparison.Ordinal);
        var actions = (await SignInTests.AuditEntriesAsync(factory, "user.")).Select(e => e.Action).ToList();
        Assert.Equal(["user.two-factor-reset", "user.unlocked"], actions);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Changing_ones_own_password_ends_the_other_sessions_and_keeps_this_one(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.Enterprise);
        using var here = await Sessions.OpenAsync(factory, user.UserName!);
        using var elsewhere = await Sessions.OpenAsync(factory, user.UserName!);

        using var changed = await here.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", SignIn.Password), new("NewPassword", "Another-password-2026"), new("ConfirmPassword", "Another-password-2026")]);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await Sessions.AssertSignedInAsync(here.Http);
        await Sessions.AssertSignedOutAsync(elsewhere.Http);
        using var withNew = await Sessions.OpenAsync(factory, user.UserName!, "Another-password-2026");
        Assert.Single(await SignInTests.AuditEntriesAsync(factory, "user.password-changed"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copy_of_the_cookie_stops_working(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(factory, Roles.JobSeeker);
        using var session = await Sessions.OpenAsync(factory, user.UserName!);
        using var copy = Sessions.WithCookies(factory, session.Cookies.GetCookieHeader(Sessions.Site));
        await Sessions.AssertSignedInAsync(copy);

        using var signedOut = await session.PostFormAsync("/Account/SignOut", "/Account/SignOut", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await Sessions.AssertSignedOutAsync(copy);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_change_on_one_node_ends_the_session_on_another_node_and_a_restart_does_not_bring_it_back(DatabaseProvider provider)
    {
        await using var nodeA = await WenjiuFactory.CreateAsync(provider);
        var user = await SignIn.CreateUserAsync(nodeA, Roles.JobSeeker);
        using var session = await Sessions.OpenAsync(nodeA, user.UserName!);
        var cookie = session.Cookies.GetCookieHeader(Sessions.Site);
        await using var nodeB = new WenjiuFactory(nodeA.ConnectionString, nodeA.Provider);
        using var onB = Sessions.WithCookies(nodeB, cookie);
        await Sessions.AssertSignedInAsync(onB);
        using var admin = await SignedInClient.CreateAsync(nodeB, Roles.Administrator);

        (await admin.PostFormAsync($"/Admin/Users/Details?id={user.Id}", $"/Admin/Users/Details?id={user.Id}&handler=Roles", [new("SelectedRoles", Roles.HrAgency)])).Dispose();

        await Sessions.AssertSignedOutAsync(session.Http);
        await using var restarted = new WenjiuFactory(nodeA.ConnectionString, nodeA.Provider);
        using var afterRestart = Sessions.WithCookies(restarted, cookie);
        await Sessions.AssertSignedOutAsync(afterRestart);
    }
}
