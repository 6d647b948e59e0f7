using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Notifications;

namespace Wenjiu.Web.Pages.Account;

/// <summary>One of the user's own notifications, marked read as it is opened; anyone else's answers 404 (ADR 0010).</summary>
internal sealed class NotificationModel(NotificationInbox inbox, NotificationText text) : PageModel
{
    public Notification Item { get; private set; } = null!;

    public RenderedNotification Text { get; private set; } = new("", "");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } user)
        {
            return Challenge();
        }

        if (await inbox.OpenAsync(user, id, cancellationToken) is not { } notification)
        {
            return NotFound();
        }

        Item = notification;
        Text = text.Render(notification, System.Globalization.CultureInfo.CurrentUICulture);
        return Page();
    }

    /// <summary>Only a path inside the site is linked (a stored link never leads elsewhere).</summary>
    public string? SafeLink => Item.Link is { } link && link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) ? link : null;
}
