using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>
/// Turning on two-factor sign-in with an authenticator app (TOTP, RFC 6238) through Identity's own authenticator
/// token provider: show the shared key (text and QR code), confirm with a code, hand out recovery codes once.
/// </summary>
internal sealed class TwoFactorModel(
    UserManager<WenjiuUser> users,
    SignInManager<WenjiuUser> signIn,
    IAuditLog audit,
    IOptions<WenjiuOptions> options) : PageModel
{
    private const int RecoveryCodeCount = 10;

    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }

    /// <summary>Staff outside demo mode may not go on until this is done.</summary>
    public bool Required => !options.Value.Demo && User.IsStaff();

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    /// <summary>Shown once, right after they were made; making new ones voids the old.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string ContinueUrl => SignInModel.SafeReturnUrl(Url, ReturnUrl);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Enabled = user.TwoFactorEnabled;
        if (!Enabled)
        {
            await LoadSharedKeyAsync(user);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage(new { ReturnUrl });
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "验证码不正确，请输入应用当前显示的6位数字 Enter the 6-digit code your authenticator app shows now");
        }

        if (!ModelState.IsValid)
        {
            await LoadSharedKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.RecordAsync(IdentityAudit.TwoFactorEnabled, IdentityAudit.Record(user.UserName), null, cancellationToken);

        // The code just proved the second factor: renew the session (enabling changed the security stamp) as a two-factor one.
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties?.IsPersistent ?? false, [new Claim(StaffTwoFactor.MethodClaim, StaffTwoFactor.SecondFactor)]);
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage(new { ReturnUrl });
        }

        ModelState.Clear();
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.RecordAsync(IdentityAudit.RecoveryCodesRenewed, IdentityAudit.Record(user.UserName), null, cancellationToken);
        Enabled = true;
        return Page();
    }

    private async Task LoadSharedKeyAsync(WenjiuUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after reset.");
        }

        SharedKey = Grouped(key);
        AuthenticatorUri = AuthenticatorUriFor(user.UserName ?? user.Id, key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.Q);
        using var png = new PngByteQRCode(data);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
    }

    /// <summary>The key-URI format authenticator apps read (Google Authenticator's, which the others follow).</summary>
    internal static string AuthenticatorUriFor(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("Wenjiu:" + userName)}?secret={key}&issuer=Wenjiu&digits=6";

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}

internal sealed class TwoFactorInput
{
    [Required(ErrorMessage = "请输入验证码 Enter the code from your authenticator app")]
    [StringLength(10)]
    [Display(Name = "验证码 Code")]
    public string Code { get; set; } = "";
}
