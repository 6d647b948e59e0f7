using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Refunds;
using Wenjiu.Payments.Localization;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Areas.Payments.Pages.Refunds;

/// <summary>
/// One employer's refund explained: the stored result, the rule's trace on the registry's history ("why not", with the
/// smallest change that would pass), and the distressed route's application for the enterprise itself.
/// </summary>
internal sealed class EmployerModel(RefundResults results, RefundExplanation explanation, DistressedApplications distressed, IAuthorizationService authorization, IStringLocalizer<PaymentsText> text) : PageModel
{
    public int Year { get; private set; }

    public string Uscc { get; private set; } = "";

    internal RefundResultRow? Stored { get; private set; }

    internal RefundResult? Result { get; private set; }

    internal IReadOnlyList<DistressedApplication> Applications { get; private set; } = [];

    [TempData]
    public string? Applied { get; set; }

    public async Task<IActionResult> OnGetAsync(int year, string uscc, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, uscc, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>The enterprise applies for the distressed route (its own users only).</summary>
    public async Task<IActionResult> OnPostApplyAsync(int year, string uscc, string? explanationText, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(year, uscc, cancellationToken) || !string.Equals(User.EmployerUscc(), uscc, StringComparison.Ordinal))
        {
            return NotFound();
        }

        ModelState.Clear();
        var (application, error) = await distressed.ApplyAsync(year, uscc, explanationText, User.Identity?.Name ?? "?", cancellationToken);
        if (application is null)
        {
            ModelState.AddModelError("Distressed.Explanation", text[$"Distressed.Error.{error}"]);
            return Page();
        }

        Applied = "yes";
        return RedirectToPage(new { year, uscc });
    }

    private async Task<bool> LoadAsync(int year, string uscc, CancellationToken cancellationToken)
    {
        if (!await authorization.ActsForAsync(User, Permissions.ViewRefunds, uscc) || !RefundParameters.Covers(year))
        {
            return false;
        }

        Year = year;
        Uscc = uscc;
        Stored = await results.FindAsync(year, uscc, cancellationToken);
        Result = await explanation.ExplainAsync(year, uscc, cancellationToken);
        Applications = await distressed.ForEmployerAsync(uscc, cancellationToken);
        return Stored is not null || Result is not null;
    }
}
