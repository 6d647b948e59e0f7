using Microsoft.AspNetCore.Identity;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Web.Security;

/// <summary>A new account as an administrator (page) or an operator (<c>users create-admin</c>) asks for it.</summary>
internal sealed record NewAccount(string UserName, string DisplayName, string Role, string? EmployerUscc = null, string? Password = null);

/// <summary>The outcome: the password (the given one, or the generated one to show once), or what was wrong.</summary>
internal sealed record AccountCreated(bool Succeeded, string Password, IReadOnlyList<IdentityError> Errors);

/// <summary>Creating accounts: the roles exist first, the user name is new, the role is one of the brief's, the creation is audited.</summary>
internal sealed class AccountCreation(UserManager<WenjiuUser> users, RoleManager<IdentityRole> roles, IAuditLog audit)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    public async Task<AccountCreated> CreateAsync(NewAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!Roles.All.Contains(account.Role))
        {
            return new AccountCreated(false, "", [new IdentityError { Code = "UnknownRole", Description = $"Unknown role {account.Role}" }]);
        }

        await EnsureRolesAsync();
        var password = string.IsNullOrEmpty(account.Password) ? GeneratedPassword.Create() : account.Password;
        var user = new WenjiuUser
        {
            UserName = account.UserName.Trim(),
            DisplayName = account.DisplayName.Trim(),
            EmployerUscc = account.Role == Roles.Enterprise ? EmployerBinding.Normalise(account.EmployerUscc) : null,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AccountCreated(false, "", [.. created.Errors]);
        }

        var inRole = await users.AddToRoleAsync(user, account.Role);
        if (!inRole.Succeeded)
        {
            await users.DeleteAsync(user);
            return new AccountCreated(false, "", [.. inRole.Errors]);
        }

        await audit.RecordAsync(IdentityAudit.UserCreated, IdentityAudit.Record(user.UserName), $"role {account.Role}" + (user.EmployerUscc is null ? "" : $", employer {user.EmployerUscc}"), cancellationToken);
        return new AccountCreated(true, password, []);
    }
}
