using Microsoft.AspNetCore.Identity;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Web.Security;

/// <summary>Why an administrator's change to an account was refused (each has a text in AccountText).</summary>
internal enum AccountChangeRefusal
{
    None,

    /// <summary>No role, or one that is not of the brief.</summary>
    UnknownRole,

    /// <summary>An administrator may not take away their own administration or disable themselves: nobody might be left.</summary>
    OwnAccount,
}

/// <summary>
/// An administrator's changes to an existing account: roles, unlock, disable and enable, a new password, a new
/// two-factor set-up. Each is audited and each changes the user's security stamp, which ends the user's open sessions
/// on every node at once (<see cref="DatabaseTicketStore"/>): what the change takes away is gone from the next request.
/// </summary>
internal sealed class AccountAdministration(UserManager<WenjiuUser> users, AccountCreation accounts, IAuditLog audit, TimeProvider clock)
{
    // Where Identity's EF store keeps the authenticator key (UserStoreBase's internal names).
    private const string AuthenticatorStoreProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";

    public async Task<AccountChangeRefusal> ChangeRolesAsync(WenjiuUser user, IReadOnlyCollection<string> roles, string? actingUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0 || roles.Any(role => !Roles.All.Contains(role)))
        {
            return AccountChangeRefusal.UnknownRole;
        }

        if (user.Id == actingUserId && !roles.Contains(Roles.Administrator))
        {
            return AccountChangeRefusal.OwnAccount;
        }

        var current = await users.GetRolesAsync(user);
        var removed = current.Except(roles, StringComparer.Ordinal).ToList();
        var added = roles.Except(current, StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return AccountChangeRefusal.None;
        }

        await accounts.EnsureRolesAsync();
        Succeeded(await users.RemoveFromRolesAsync(user, removed));
        Succeeded(await users.AddToRolesAsync(user, added));

        // Identity leaves the stamp as it is when roles change: without this the old roles would live on in open sessions.
        Succeeded(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(IdentityAudit.RolesChanged, IdentityAudit.Record(user.UserName),
            $"roles {string.Join(",", current.Order(StringComparer.Ordinal))} -> {string.Join(",", roles.Order(StringComparer.Ordinal))}", cancellationToken);
        return AccountChangeRefusal.None;
    }

    public async Task UnlockAsync(WenjiuUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        Succeeded(await users.SetLockoutEndDateAsync(user, null));
        Succeeded(await users.ResetAccessFailedCountAsync(user));
        Succeeded(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(IdentityAudit.Unlocked, IdentityAudit.Record(user.UserName), null, cancellationToken);
    }

    public async Task<AccountChangeRefusal> DisableAsync(WenjiuUser user, string? actingUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Id == actingUserId)
        {
            return AccountChangeRefusal.OwnAccount;
        }

        user.DisabledAt = clock.GetUtcNow();
        Succeeded(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(IdentityAudit.Disabled, IdentityAudit.Record(user.UserName), null, cancellationToken);
        return AccountChangeRefusal.None;
    }

    public async Task EnableAsync(WenjiuUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.DisabledAt = null;
        Succeeded(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(IdentityAudit.Enabled, IdentityAudit.Record(user.UserName), null, cancellationToken);
    }

    /// <summary>A generated password replaces the old one (shown once to the administrator to hand over); sessions end.</summary>
    public async Task<string> ResetPasswordAsync(WenjiuUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var password = GeneratedPassword.Create();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Succeeded(await users.ResetPasswordAsync(user, token, password));
        await audit.RecordAsync(IdentityAudit.PasswordReset, IdentityAudit.Record(user.UserName), null, cancellationToken);
        return password;
    }

    /// <summary>For a lost phone: the authenticator key and recovery codes are removed; the user sets up a new one at next sign-in.</summary>
    public async Task ResetTwoFactorAsync(WenjiuUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        Succeeded(await users.SetTwoFactorEnabledAsync(user, false));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        Succeeded(await users.RemoveAuthenticationTokenAsync(user, AuthenticatorStoreProvider, AuthenticatorKeyName));
        Succeeded(await users.UpdateSecurityStampAsync(user));
        await audit.RecordAsync(IdentityAudit.TwoFactorReset, IdentityAudit.Record(user.UserName), null, cancellationToken);
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
