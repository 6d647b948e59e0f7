using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Localization;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Admin.Users;

/// <summary>
/// One account, for an administrator: change its roles, unlock it, disable or enable it, give it a new password or a new
/// two-factor set-up. Each change is audited and ends the user's sessions at once (AccountAdministration).
/// </summary>
internal sealed class DetailsModel(UserManager<WenjiuUser> users, AccountAdministration administration, TimeProvider clock, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    public WenjiuUser Account { get; private set; } = null!;

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    public bool LockedOut { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>Shown once, right after a reset.</summary>
    public string? NewPassword { get; private set; }

    public static string BeijingTime(DateTimeOffset value) => Wenjiu.Platform.Time.BeijingTime.Format(value);

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var refusal = await administration.ChangeRolesAsync(Account, SelectedRoles.Distinct(StringComparer.Ordinal).ToList(), users.GetUserId(User), cancellationToken);
        return await DoneAsync(id, refusal, nameof(SelectedRoles));
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await administration.UnlockAsync(Account, cancellationToken);
        return await DoneAsync(id, AccountChangeRefusal.None, "");
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var refusal = await administration.DisableAsync(Account, users.GetUserId(User), cancellationToken);
        return await DoneAsync(id, refusal, "");
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await administration.EnableAsync(Account, cancellationToken);
        return await DoneAsync(id, AccountChangeRefusal.None, "");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        NewPassword = await administration.ResetPasswordAsync(Account, cancellationToken);
        return await DoneAsync(id, AccountChangeRefusal.None, "");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await administration.ResetTwoFactorAsync(Account, cancellationToken);
        return await DoneAsync(id, AccountChangeRefusal.None, "");
    }

    private async Task<IActionResult> DoneAsync(string id, AccountChangeRefusal refusal, string field)
    {
        if (refusal != AccountChangeRefusal.None)
        {
            ModelState.AddModelError(field, text[refusal == AccountChangeRefusal.OwnAccount ? "Users.Details.OwnAccount" : "Users.Details.ChooseRole"]);
        }
        else
        {
            Saved = true;
        }

        // Show the account as it is now.
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (string.IsNullOrEmpty(id) || await users.FindByIdAsync(id) is not { } user)
        {
            return false;
        }

        Account = user;
        CurrentRoles = [.. await users.GetRolesAsync(user)];
        LockedOut = user.LockoutEnd > clock.GetUtcNow();
        return true;
    }
}
