using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Wenjiu.Platform.Identity;

/// <summary>Claims the platform adds to a signed-in user.</summary>
public static class WenjiuClaims
{
    /// <summary>The unified social credit code of the employer an enterprise user acts for.</summary>
    public const string Employer = "wenjiu:employer";

    public const string DisplayName = "wenjiu:display_name";

    public static string? EmployerUscc(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(Employer);
    }

    public static bool IsStaff(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Roles.Staff.Any(user.IsInRole);
    }
}

/// <summary>Puts the employer binding and display name into the sign-in cookie so pages need no extra query.</summary>
internal sealed class WenjiuClaimsPrincipalFactory(UserManager<WenjiuUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<WenjiuUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WenjiuUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.EmployerUscc))
        {
            identity.AddClaim(new Claim(WenjiuClaims.Employer, user.EmployerUscc));
        }

        identity.AddClaim(new Claim(WenjiuClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        return identity;
    }
}
