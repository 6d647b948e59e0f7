using System.Security.Claims;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Registry.Features;

/// <summary>
/// Who may see an employer: the roles holding <see cref="Permissions.ViewEmployer"/> for every employer see any; an
/// enterprise user only the one it acts for. Anyone else is told the employer does not exist (404), so that codes
/// cannot be probed (STYLE.md, errors).
/// </summary>
internal static class EmployerAccess
{
    public static bool CanSee(ClaimsPrincipal user, string uscc) => user.MayFor(Permissions.ViewEmployer, uscc);
}
