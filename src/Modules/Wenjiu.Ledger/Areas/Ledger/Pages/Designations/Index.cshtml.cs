using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.KeyEnterprises;
using Wenjiu.Ledger.Localization;

namespace Wenjiu.Ledger.Areas.Ledger.Pages.Designations;

/// <summary>Key-enterprise designations: those in force first; policy officers and administrators designate and end them.</summary>
internal sealed class IndexModel(Features.KeyEnterprises.Designations designations, IStringLocalizer<LedgerText> text, TimeProvider clock) : PageModel
{
    internal IReadOnlyList<KeyEnterprise> All { get; private set; } = [];

    internal DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? uscc, string? category, string? endsOn, CancellationToken cancellationToken)
    {
        var (designation, errors) = await designations.DesignateAsync(uscc, category, endsOn, User.Identity?.Name ?? "?", cancellationToken);
        if (designation is null)
        {
            LedgerPages.CopyErrors(errors, ModelState, text, "Designate");
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndAsync(long id, CancellationToken cancellationToken) =>
        await designations.EndAsync(id, cancellationToken) is null ? NotFound() : RedirectToPage();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = Platform.Time.BeijingTime.DayOf(clock.GetUtcNow());
        All = await designations.ListAsync(cancellationToken);
    }
}
