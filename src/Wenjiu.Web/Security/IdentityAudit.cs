namespace Wenjiu.Web.Security;

/// <summary>The audit actions of signing in and of managing accounts, and how their records are named.</summary>
internal static class IdentityAudit
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInLockedOut = "sign-in.locked-out";
    public const string SignOut = "sign-out";
    public const string TwoFactorEnabled = "two-factor.enabled";
    public const string RecoveryCodesRenewed = "two-factor.recovery-codes-renewed";
    public const string UserCreated = "user.created";
    public const string EmployerBound = "user.employer-bound";
    public const string RolesChanged = "user.roles-changed";
    public const string Unlocked = "user.unlocked";
    public const string Disabled = "user.disabled";
    public const string Enabled = "user.enabled";
    public const string PasswordReset = "user.password-reset";
    public const string TwoFactorReset = "user.two-factor-reset";
    public const string PasswordChanged = "user.password-changed";
    public const string ProfileChanged = "user.profile-changed";
    public const string AuthenticatorKeyCreated = "two-factor.authenticator-key-created";

    public static string Record(string? userName) => $"user:{userName}";
}
