using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Notifications;

namespace Wenjiu.Web.Pages.Account;

/// <summary>The signed-in user's own inbox (ADR 0010): newest first, unread marked, a page at a time; only their own.</summary>
internal sealed class InboxModel(NotificationInbox inbox, NotificationText text) : PageModel
{
    public InboxPage Inbox { get; private set; } = new([], 1, 1, 0);

    public IReadOnlyDictionary<long, RenderedNotification> Texts { get; private set; } = new Dictionary<long, RenderedNotification>();

    public async Task<IActionResult> OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        if (UserId is not { } user)
        {
            return Challenge();
        }

        Inbox = await inbox.PageAsync(user, page ?? 1, cancellationToken);
        var language = System.Globalization.CultureInfo.CurrentUICulture;
        Texts = Inbox.Items.ToDictionary(n => n.Id, n => text.Render(n, language));
        return Page();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        if (UserId is not { } user)
        {
            return Challenge();
        }

        await inbox.MarkAllReadAsync(user, cancellationToken);
        return RedirectToPage();
    }

    public string PageLink(int page) => Url.Page("/Account/Inbox", new { page }) ?? "";

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
