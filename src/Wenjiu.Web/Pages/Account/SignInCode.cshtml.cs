using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>
/// The second sign-in step: a six-digit code from the authenticator app, or one of the recovery codes.
/// Wrong codes count towards the same lockout as wrong passwords.
/// </summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
internal sealed class SignInCodeModel(SignInManager<WenjiuUser> signIn, IAuditLog audit, SignInAccountLimiter accountLimit) : PageModel
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
            ModelState.AddModelError("Input.Code", "账户因多次登录失败已被锁定，请15分钟后再试或联系管理员。 This account is locked after too many failed sign-ins: try again in 15 minutes or ask an administrator.");
            return Page();
        }

        await audit.RecordAsync(userName, IdentityAudit.SignInFailed, record, $"wrong {(isAuthenticatorCode ? "authenticator" : "recovery")} code", cancellationToken);
        ModelState.AddModelError("Input.Code", "验证码不正确 Enter the current code from your authenticator app, or an unused recovery code");
        return Page();
    }

    /// <summary>Identity issues recovery codes as <c>XXXXX-XXXXX</c> and compares them exactly; people drop the hyphen.</summary>
    private static string RecoveryCodeAsIssued(string code) =>
        code.Length == 10 && !code.Contains('-', StringComparison.Ordinal) ? $"{code[..5]}-{code[5..]}" : code;
}

internal sealed class SignInCodeInput
{
    [Required(ErrorMessage = "请输入验证码 Enter the code from your authenticator app")]
    [StringLength(20)]
    [Display(Name = "验证码 Code")]
    public string Code { get; set; } = "";
}
