using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Localization;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>Sign-in with user name and password; accounts lock after five failures; attempts are rate limited (per account and per address) and audited.</summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
internal sealed class SignInModel(SignInManager<WenjiuUser> signIn, IAuditLog audit, SignInAccountLimiter accountLimit, IStringLocalizer<SiteText> text) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userName = Input.UserName.Trim();
        if (!accountLimit.TryAttempt(userName))
        {
            await TooManyRequests.WriteAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        var record = IdentityAudit.Record(userName);
        var result = await signIn.PasswordSignInAsync(userName, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(userName, IdentityAudit.SignInSucceeded, record, "password", cancellationToken);
            return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; the attempt is audited when the second step succeeds or fails.
            return RedirectToPage("SignInCode", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync(userName, IdentityAudit.SignInLockedOut, record, null, cancellationToken);
            ModelState.AddModelError("Input.UserName", text["SignIn.LockedOut"]);
            return Page();
        }

        await audit.RecordAsync(userName, IdentityAudit.SignInFailed, record, result.IsNotAllowed ? "not allowed" : "wrong user name or password", cancellationToken);
        ModelState.AddModelError("Input.UserName", text["SignIn.Wrong"]);
        return Page();
    }

    /// <summary>Only a path of this site: a crafted return address must not send a signed-in user elsewhere.</summary>
    internal static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}

internal sealed class SignInInput
{
    // Messages are SiteText keys (WebSetup's data-annotation localizer reads them in the page's language).
    [Required(ErrorMessage = "SignIn.UserNameRequired")]
    [StringLength(256, ErrorMessage = "SignIn.UserNameTooLong")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "SignIn.PasswordRequired")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}
