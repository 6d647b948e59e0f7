using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>Sign-in with user name and password; accounts lock after five failures; attempts are rate limited (per account and per address) and audited.</summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
internal sealed class SignInModel(SignInManager<WenjiuUser> signIn, IAuditLog audit, SignInAccountLimiter accountLimit) : PageModel
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
            ModelState.AddModelError("Input.UserName", "账户因多次登录失败已被锁定，请15分钟后再试或联系管理员。 This account is locked after too many failed sign-ins: try again in 15 minutes or ask an administrator.");
            return Page();
        }

        await audit.RecordAsync(userName, IdentityAudit.SignInFailed, record, result.IsNotAllowed ? "not allowed" : "wrong user name or password", cancellationToken);
        ModelState.AddModelError("Input.UserName", "用户名或密码不正确 Enter a correct user name and password");
        return Page();
    }

    /// <summary>Only a path of this site: a crafted return address must not send a signed-in user elsewhere.</summary>
    internal static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}

internal sealed class SignInInput
{
    [Required(ErrorMessage = "请输入用户名 Enter your user name")]
    [StringLength(256)]
    [Display(Name = "用户名 User name")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "请输入密码 Enter your password")]
    [DataType(DataType.Password)]
    [Display(Name = "密码 Password")]
    public string Password { get; set; } = "";

    [Display(Name = "保持登录 Keep me signed in")]
    public bool RememberMe { get; set; }
}
