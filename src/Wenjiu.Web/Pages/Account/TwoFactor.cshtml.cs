using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Localization;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>
/// Turning on two-factor sign-in with an authenticator app (TOTP, RFC 6238) through Identity's own authenticator
/// token provider: make a key (an explicit post), show it (text and QR code), confirm with a code, hand out recovery
/// codes once. Viewing the page changes nothing: a new key changes the security stamp, which ends every session.
/// </summary>
internal sealed class TwoFactorModel(
    UserManager<WenjiuUser> users,
    SignInManager<WenjiuUser> signIn,
    IAuditLog audit,
    IOptions<WenjiuOptions> options,
    IStringLocalizer<AccountText> text) : PageModel
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
            await ShowSharedKeyAsync(user);
        }

        return Page();
    }

    /// <summary>
    /// Makes a new authenticator key: the first set-up, or a move to a new phone (which turns two-factor sign-in off until
    /// the new app is confirmed). The new key changes the security stamp, so the user's other sessions end; this one is
    /// renewed, keeping the second-factor mark it was opened with.
    /// </summary>
    public async Task<IActionResult> OnPostNewKeyAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(IdentityAudit.AuthenticatorKeyCreated, IdentityAudit.Record(user.UserName), null, cancellationToken);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { ReturnUrl });
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

        var code = (Input.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            // No key yet: nothing to confirm (the set-up starts with the post that makes one).
            return RedirectToPage(new { ReturnUrl });
        }

        if (code.Length == 0)
        {
            ModelState.AddModelError("Input.Code", text["TwoFactor.EnterCode"]);
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", text["TwoFactor.WrongCode"]);
        }

        if (ModelState.ErrorCount > 0)
        {
            await ShowSharedKeyAsync(user);
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

    /// <summary>Shows the key made by <see cref="OnPostNewKeyAsync"/>, if there is one; never makes one.</summary>
    private async Task ShowSharedKeyAsync(WenjiuUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return;
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
    [StringLength(10)]
    public string Code { get; set; } = "";
}
