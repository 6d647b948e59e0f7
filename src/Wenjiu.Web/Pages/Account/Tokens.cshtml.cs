using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.ApiTokens;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Localization;

namespace Wenjiu.Web.Pages.Account;

/// <summary>
/// A user's own API tokens (ADR 0012): listed by label, created, expires and last used; made with a label and a
/// lifetime, the token shown once in the answer to that post; revoked by a post. A token stands for a user who passed
/// two-factor, so staff confirm each new token with a fresh code from their authenticator app on this page (a code is
/// good for about a minute), whatever their session did earlier.
/// </summary>
internal sealed class TokensModel(UserManager<WenjiuUser> users, ApiTokenService tokens, IStringLocalizer<AccountText> text) : PageModel
{
    /// <summary>The lifetimes offered, in days (the CLI takes any up to the maximum).</summary>
    public static readonly int[] Lifetimes = [30, 90, 180, 365];

    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>Staff confirm a new token with a code from their authenticator app.</summary>
    public bool NeedsCode => User.IsStaff();

    /// <summary>Staff without an authenticator cannot confirm: they are sent to set one up.</summary>
    public bool CanConfirm { get; private set; } = true;

    /// <summary>The token just made, shown once; it is nowhere else.</summary>
    public string? NewToken { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (NeedsCode && !await FreshSecondFactorAsync(user))
        {
            ModelState.AddModelError("Input.Code", text[user.TwoFactorEnabled ? "Tokens.WrongCode" : "Tokens.NoAuthenticator"]);
        }

        if (!Lifetimes.Contains(Input.Days))
        {
            ModelState.AddModelError("Input.Days", text["Tokens.ChooseLifetime"]);
        }

        if (ModelState.ErrorCount == 0)
        {
            var made = await tokens.CreateAsync(user, Input.Name ?? "", TimeSpan.FromDays(Input.Days), user.UserName ?? user.Id, cancellationToken);
            switch (made.Outcome)
            {
                case TokenCreation.Created:
                    NewToken = made.Secret;
                    Input = new TokenInput();
                    // The answer holds the secret: no cache may keep it.
                    Response.Headers.CacheControl = "no-store";
                    break;
                case TokenCreation.NameInUse:
                    ModelState.AddModelError("Input.Name", text["Tokens.NameInUse"]);
                    break;
                default:
                    ModelState.AddModelError("Input.Name", text["Tokens.NameInvalid", ApiToken.MaxNameLength]);
                    break;
            }
        }

        Input.Code = null;
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // Only the user's own live tokens: another's id revokes nothing and says nothing about it.
        Message = await tokens.RevokeAsync(user, id, cancellationToken) ? text["Tokens.Revoked"] : text["Tokens.NotFound"];
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    private async Task<bool> FreshSecondFactorAsync(WenjiuUser user)
    {
        var code = (Input.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return user.TwoFactorEnabled && code.Length > 0
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
    }

    private async Task LoadAsync(WenjiuUser user, CancellationToken cancellationToken)
    {
        CanConfirm = !NeedsCode || user.TwoFactorEnabled;
        Tokens = await tokens.ListAsync(user.Id, cancellationToken);
    }
}

internal sealed class TokenInput
{
    [StringLength(ApiToken.MaxNameLength)]
    public string? Name { get; set; }

    public int Days { get; set; } = 90;

    public string? Code { get; set; }
}
