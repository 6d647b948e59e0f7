using Microsoft.AspNetCore.Identity;

namespace Wenjiu.Platform.Identity;

/// <summary>A person who signs in: bureau staff, an enterprise's user, an agency, a job seeker, a province liaison.</summary>
public sealed class WenjiuUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>For enterprise users: the unified social credit code of the one employer they act for.</summary>
    public string? EmployerUscc { get; set; }

    /// <summary>Preferred UI culture, <c>zh-CN</c> or <c>en</c>.</summary>
    public string? Culture { get; set; }

    /// <summary>
    /// When an administrator disabled the account: it can no longer sign in and its sessions are over. Kept apart from
    /// Identity's lockout, which ends by itself after a few minutes and which an administrator lifts with "unlock".
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
