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

/// <summary>
/// The second sign-in step: a six-digit code from the authenticator app, or one of the recovery codes.
/// Wrong codes count towards the same lockout as wrong passwords.
/// </summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
internal sealed class SignInCodeModel(SignInManager<WenjiuUser> signIn, IAuditLog audit, SignInAccountLimiter accountLimit, IStringLocalizer<SiteText> text) : PageModel
{
    [BindProperty]
    public SignInCodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The password step expired (or never happened): start again.
            return RedirectToPage("SignIn", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!accountLimit.TryAttempt(user.UserName ?? user.Id))
        {
            await TooManyRequests.WriteAsync(HttpContext, cancellationToken);
            return new EmptyResult();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var isAuthenticatorCode = code.Length == 6 && code.All(char.IsAsciiDigit);
        var result = isAuthenticatorCode
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCodeAsIssued(code));
        var userName = user.UserName ?? user.Id;
        var record = IdentityAudit.Record(userName);
        var method = isAuthenticatorCode ? "password and authenticator code" : "password and recovery code";
        if (result.Succeeded)
        {
            await audit.RecordAsync(userName, IdentityAudit.SignInSucceeded, record, method, cancellationToken);
            return LocalRedirect(SignInModel.SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync(userName, IdentityAudit.SignInLockedOut, record, method, cancellationToken);
            ModelState.AddModelError("Input.Code", text["SignIn.LockedOut"]);
            return Page();
        }

        await audit.RecordAsync(userName, IdentityAudit.SignInFailed, record, $"wrong {(isAuthenticatorCode ? "authenticator" : "recovery")} code", cancellationToken);
        ModelState.AddModelError("Input.Code", text["SignInCode.Wrong"]);
        return Page();
    }

    /// <summary>Identity issues recovery codes as <c>XXXXX-XXXXX</c> and compares them exactly; people drop the hyphen.</summary>
    private static string RecoveryCodeAsIssued(string code) =>
        code.Length == 10 && !code.Contains('-', StringComparison.Ordinal) ? $"{code[..5]}-{code[5..]}" : code;
}

internal sealed class SignInCodeInput
{
    [Required(ErrorMessage = "SignInCode.Required")]
    [StringLength(20)]
    public string Code { get; set; } = "";
}
