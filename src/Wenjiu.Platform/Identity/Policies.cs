namespace Wenjiu.Platform.Identity;

/// <summary>Authorisation policy names shared by every module's pages and endpoints (registered by the web host).</summary>
public static class Policies
{
    /// <summary>Bureau staff of any role.</summary>
    public const string Staff = "Staff";

    public const string Administrator = "Administrator";

    /// <summary>Staff, or an enterprise user; what an enterprise user may see is then narrowed to its own employer.</summary>
    public const string StaffOrEnterprise = "StaffOrEnterprise";
}
