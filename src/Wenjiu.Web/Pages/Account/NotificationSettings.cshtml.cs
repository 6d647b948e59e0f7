using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Notifications;

namespace Wenjiu.Web.Pages.Account;

/// <summary>The user's e-mail choice per kind of notification; the inbox always gets every one (ADR 0010).</summary>
internal sealed class NotificationSettingsModel(NotificationInbox inbox, NotificationText text) : PageModel
{
    /// <summary>The kinds whose e-mail is on, as the form posts them.</summary>
    [BindProperty]
    public List<string> Email { get; set; } = [];

    public IReadOnlyList<(NotificationKind Kind, string Name, bool Email)> Kinds { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (UserId is not { } user)
        {
            return Challenge();
        }

        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (UserId is not { } user)
        {
            return Challenge();
        }

        await inbox.SavePreferencesAsync(user, text.Kinds.Select(k => k.Name), Email.ToHashSet(StringComparer.Ordinal), cancellationToken);
        Saved = true;
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string user, CancellationToken cancellationToken)
    {
        var off = await inbox.EmailOffAsync(user, cancellationToken);
        var language = System.Globalization.CultureInfo.CurrentUICulture;
        Kinds = [.. text.Kinds.Select(k => (k, text.Name(k, language), !off.Contains(k.Name)))];
    }

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
