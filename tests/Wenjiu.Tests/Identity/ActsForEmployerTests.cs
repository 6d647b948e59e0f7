using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Tests.Identity;

/// <summary>The one "acts for this employer" check every module asks through <see cref="IAuthorizationService"/>.</summary>
public sealed class ActsForEmployerTests
{
    private const string Own = "91110108MA01ABCD1X";
    private const string Other = "91110105MA02WXYZ3K";

    private static IAuthorizationService Authorization()
    {
        var services = new ServiceCollection().AddLogging().AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, ActsForEmployerHandler>();
        return services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
    }

    private static ClaimsPrincipal User(string role, string? employer = null)
    {
        var identity = new ClaimsIdentity("test");
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        if (employer is not null)
        {
            identity.AddClaim(new Claim(WenjiuClaims.Employer, employer));
        }

        return new ClaimsPrincipal(identity);
    }

    [Fact]
    public async Task An_enterprise_user_acts_for_its_own_employer_and_no_other()
    {
        var enterprise = User(Roles.Enterprise, Own);

        Assert.True(await Authorization().ActsForAsync(enterprise, Permissions.ViewStatements, Own));
        Assert.False(await Authorization().ActsForAsync(enterprise, Permissions.ViewStatements, Other));
    }

    [Fact]
    public async Task Staff_holding_the_action_everywhere_act_for_any_employer()
    {
        Assert.True(await Authorization().ActsForAsync(User(Roles.Reviewer), Permissions.ViewStatements, Other));
    }

    [Fact]
    public async Task A_role_without_the_action_acts_for_no_employer_not_even_one_it_is_bound_to()
    {
        Assert.False(await Authorization().ActsForAsync(User(Roles.JobSeeker, Own), Permissions.ViewStatements, Own));
    }

    [Fact]
    public async Task An_enterprise_user_may_not_edit_even_its_own_employers_registration()
    {
        Assert.False(await Authorization().ActsForAsync(User(Roles.Enterprise, Own), Permissions.EditEmployer, Own));
    }
}
