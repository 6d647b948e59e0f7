using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Ledger.Features.Confirmations;

namespace Wenjiu.Ledger.Areas.Ledger.Pages;

/// <summary>
/// The one-click "still needed" link of the weekly question: the page shows one button; pressing it confirms the line
/// (the token is single use and expires with the window). Open without signing in: the token is the authority, and
/// the page shows nothing of the line but its title. A link opened by a mail scanner changes nothing (GET only shows).
/// </summary>
internal sealed class ConfirmModel(WeeklyConfirmations confirmations) : PageModel
{
    internal ConfirmResult? Result { get; private set; }

    internal string? TitleZh { get; private set; }

    internal string? TitleEn { get; private set; }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var (result, line) = await confirmations.ConfirmByTokenAsync(token, cancellationToken);
        Result = result;
        (TitleZh, TitleEn) = (line?.TitleZh, line?.TitleEn);
        return Page();
    }
}
