using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Web.CommandLine;

namespace Wenjiu.Tests.Identity;

public sealed partial class AdministrationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_host_outside_demo_mode_starts_with_no_account(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/", UriKind.Relative))).Dispose();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_admin_makes_an_administrator_who_can_sign_in_with_the_printed_password(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var output = new StringWriter();

        var status = await UsersCommand.CreateAdminAsync(factory.Services, "chief", null, output, output, CancellationToken.None);

        Assert.Equal(0, status);
        var password = PrintedPassword().Match(output.ToString()).Groups[1].Value;
        Assert.Equal(20, password.Length);
        using var client = SignIn.NewClient(factory);
        using var signIn = await SignIn.PostPasswordAsync(client, "chief", password);
        Assert.Equal("/", Forms.Location(signIn));
        using var next = await client.GetAsync(new Uri("/Admin/Audit", UriKind.Relative));
        Assert.StartsWith("/Account/TwoFactor", Forms.Location(next), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync("chief"))!, Roles.Administrator));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Users_create_admin_refuses_a_user_name_that_exists(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await SignIn.CreateUserAsync(factory, Roles.JobSeeker, userName: "chief");
        using var output = new StringWriter();

        var status = await UsersCommand.CreateAdminAsync(factory.Services, "chief", "Chief-password-1", output, output, CancellationToken.None);

        Assert.Equal(1, status);
        Assert.Contains("already exists", output.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider, string> RolesNotAdministrator => Providers.Each(Roles.Reviewer, Roles.Enterprise);

    [Theory]
    [MemberData(nameof(RolesNotAdministrator))]
    public async Task Only_administrators_open_the_audit_log_and_the_users(DatabaseProvider provider, string role)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = await SignIn.AsAsync(factory, role);

        using var audit = await client.GetAsync(new Uri("/Admin/Audit", UriKind.Relative));
        using var users = await client.GetAsync(new Uri("/Admin/Users", UriKind.Relative));

        Assert.StartsWith("/Account/Denied", Forms.Location(audit), StringComparison.Ordinal);
        Assert.StartsWith("/Account/Denied", Forms.Location(users), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_finds_one_users_sign_ins_in_the_audit_log(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator, userName: "admin-one");
        using var seeker = await SignIn.AsAsync(factory, Roles.JobSeeker, userName: "seeker-one");
        // The audit page's dates are Beijing calendar days, as its times are Beijing time.
        var today = Wenjiu.Platform.Time.BeijingTime.DayOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await admin.GetAsync(new Uri($"/Admin/Audit?Search.Actor=seeker-one&Search.Action=sign-in&Search.From={today}&Search.To={today}", UriKind.Relative));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<td>sign-in.succeeded</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>user:seeker-one</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-one", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_audit_search_from_a_date_or_to_a_date_finds_the_entries_of_those_days_only(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator, userName: "admin-dates");
        // The audit page's dates are Beijing calendar days, as its times are Beijing time.
        var beijingToday = Wenjiu.Platform.Time.BeijingTime.DayOf(DateTimeOffset.UtcNow);
        var today = beijingToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = beijingToday.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var fromToday = await admin.GetAsync(new Uri($"/Admin/Audit?Search.From={today}", UriKind.Relative));
        using var toToday = await admin.GetAsync(new Uri($"/Admin/Audit?Search.To={today}", UriKind.Relative));
        using var fromTomorrow = await admin.GetAsync(new Uri($"/Admin/Audit?Search.From={tomorrow}", UriKind.Relative));

        Assert.All([fromToday, toToday, fromTomorrow], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains("<td>user:admin-dates</td>", await fromToday.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<td>user:admin-dates</td>", await toToday.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("<td>user:admin-dates</td>", await fromTomorrow.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_page_number_past_the_last_page_of_the_audit_log_or_the_users_shows_no_rows(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator, userName: "admin-pages");

        using var audit = await admin.GetAsync(new Uri($"/Admin/Audit?Search.PageNumber={int.MaxValue}", UriKind.Relative));
        using var users = await admin.GetAsync(new Uri($"/Admin/Users?PageNumber={int.MaxValue}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.DoesNotContain("<td>user:admin-pages</td>", await audit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("<td>admin-pages</td>", await users.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_audit_search_ending_before_it_starts_names_the_end_date_field(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator);

        using var response = await admin.GetAsync(new Uri("/Admin/Audit?Search.From=2026-05-02&Search.To=2026-05-01", UriKind.Relative));

        Assert.Contains("href=\"#Search_To\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_cannot_bind_an_enterprise_user_to_a_code_with_a_wrong_check_character(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator);
        var valid = await RegisteredEmployerAsync(factory);
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');

        using var response = await Forms.PostAsync(admin, "/Admin/Users/Create",
            [new("Input.UserName", "acme-hr"), new("Input.Role", Roles.Enterprise), new("Input.EmployerUscc", wrong)]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Input_EmployerUscc\"", html, StringComparison.Ordinal);
        Assert.Contains("the check character (18th) should be", html, StringComparison.Ordinal);
        Assert.Null(await FindUserAsync(factory, "acme-hr"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_creates_an_enterprise_user_bound_to_a_registered_employer_who_can_then_sign_in(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator);
        var uscc = await RegisteredEmployerAsync(factory);

        using var response = await Forms.PostAsync(admin, "/Admin/Users/Create",
            [new("Input.UserName", "acme-hr"), new("Input.DisplayName", "Acme HR"), new("Input.Role", Roles.Enterprise), new("Input.EmployerUscc", uscc)]);

        var password = GeneratedPassword().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Equal(uscc, (await FindUserAsync(factory, "acme-hr"))?.EmployerUscc);
        using var client = SignIn.NewClient(factory);
        await SignIn.WithPasswordAsync(client, factory, "acme-hr", password);
        using var list = await admin.GetAsync(new Uri("/Admin/Users", UriKind.Relative));
        Assert.Contains("acme-hr", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await SignInTests.AuditEntriesAsync(factory, "user.created"), e => e.Record == "user:acme-hr");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_binds_an_existing_enterprise_user_to_another_registered_employer(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var admin = await SignIn.AsAsync(factory, Roles.Administrator);
        var uscc = await RegisteredEmployerAsync(factory);
        var user = await SignIn.CreateUserAsync(factory, Roles.Enterprise);

        using var response = await Forms.PostAsync(admin, $"/Admin/Users/Employer?id={user.Id}", [new("Input.EmployerUscc", uscc.ToLowerInvariant())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(uscc, (await FindUserAsync(factory, user.UserName!))?.EmployerUscc);
        Assert.Contains(await SignInTests.AuditEntriesAsync(factory, "user.employer-bound"), e => e.Record == $"user:{user.UserName}");
    }

    private static async Task<string> RegisteredEmployerAsync(WenjiuFactory factory)
    {
        const string first17 = "91110105MA01ABCDE";
        var uscc = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        await using var scope = factory.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        registry.Employers.Add(new Employer { Uscc = uscc, Name = "北京测试科技有限公司", Industry = "software_it", District = "110105", Employees = 12, UpdatedAt = DateTimeOffset.UtcNow });
        await registry.SaveChangesAsync();
        return uscc;
    }

    private static async Task<WenjiuUser?> FindUserAsync(WenjiuFactory factory, string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>().FindByNameAsync(userName);
    }

    [GeneratedRegex("Generated password \\(shown only now\\): (\\S+)")]
    private static partial Regex PrintedPassword();

    [GeneratedRegex("""<code id="generated-password">([^<]+)</code>""")]
    private static partial Regex GeneratedPassword();
}
