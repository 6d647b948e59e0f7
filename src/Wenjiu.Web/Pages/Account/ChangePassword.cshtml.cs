using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Localization;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>
/// A signed-in user changes its own password. The change moves the security stamp on, so every other session of the
/// user ends at once; this one is renewed.
/// </summary>
internal sealed class ChangePasswordModel(UserManager<WenjiuUser> users, SignInManager<WenjiuUser> signIn, IAuditLog audit, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool Changed { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), text["ChangePassword.EnterCurrent"]);
        }

        if (string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), text["ChangePassword.EnterNew"]);
        }
        else if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), text["ChangePassword.Mismatch"]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var (field, key) = error.Code switch
                {
                    "PasswordMismatch" => (nameof(CurrentPassword), "ChangePassword.WrongCurrent"),
                    "PasswordTooShort" => (nameof(NewPassword), "Password.TooShort"),
                    "PasswordRequiresDigit" => (nameof(NewPassword), "Password.RequiresDigit"),
                    "PasswordRequiresLower" => (nameof(NewPassword), "Password.RequiresLower"),
                    "PasswordRequiresUpper" => (nameof(NewPassword), "Password.RequiresUpper"),
                    _ => (nameof(NewPassword), "Password.Other"),
                };
                ModelState.AddModelError(field, text[key]);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(IdentityAudit.PasswordChanged, IdentityAudit.Record(user.UserName), null, cancellationToken);
        Changed = true;
        return Page();
    }
}
