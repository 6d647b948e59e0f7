using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Localization;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>The signed-in user's own account: what it is (roles, employer, two-factor) and the name others see.</summary>
internal sealed class ProfileModel(UserManager<WenjiuUser> users, SignInManager<WenjiuUser> signIn, IAuditLog audit, IStringLocalizer<AccountText> text) : PageModel
{
    private const int DisplayNameLength = 100;

    [BindProperty]
    public string? DisplayName { get; set; }

    public WenjiuUser Account { get; private set; } = null!;

    public IReadOnlyList<string> RoleNames { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return Challenge();
        }

        DisplayName = Account.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync())
        {
            return Challenge();
        }

        var name = (DisplayName ?? "").Trim();
        if (name.Length > DisplayNameLength)
        {
            ModelState.AddModelError(nameof(DisplayName), text["Profile.DisplayNameTooLong"]);
            return Page();
        }

        if (name != Account.DisplayName)
        {
            Account.DisplayName = name;
            var result = await users.UpdateAsync(Account);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }

            // The display name is in the session's claims: renew this session so the header shows the new one.
            await signIn.RefreshSignInAsync(Account);
            await audit.RecordAsync(IdentityAudit.ProfileChanged, IdentityAudit.Record(Account.UserName), "display name", cancellationToken);
        }

        Saved = true;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }

        Account = user;
        RoleNames = [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).Select(role => text[$"Role.{role}"].Value)];
        return true;
    }
}
