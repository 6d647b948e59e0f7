using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Areas.Relief.Pages.Deferrals;

/// <summary>Record an approved deferral (a plain form; errors beside each field) and see the deferrals recorded.</summary>
internal sealed class IndexModel(DeferralHandler handler, ReliefRuleSet rules) : PageModel
{
    [BindProperty]
    public DeferralForm Input { get; set; } = new();

    [TempData]
    public string? Recorded { get; set; }

    [TempData]
    public string? Revoked { get; set; }

    internal IReadOnlyList<ListedDeferral> Deferrals { get; private set; } = [];

    /// <summary>The deferral whose revocation failed, so its reason field shows the error.</summary>
    public long? RevokeFailed { get; private set; }

    /// <summary>The rule set's limits, shown as a hint: earliest start, latest end, longest length.</summary>
    public (string Earliest, string Latest, string Longest) Limits { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await handler.RecordAsync(new DeferralInput(Input.Uscc, Input.FirstMonth, Input.LastMonth, Input.Reference), User.Identity?.Name ?? "?", cancellationToken);
        if (result.Deferral is { } d)
        {
            Recorded = $"{d.Uscc}|{d.FirstMonth}|{d.LastMonth}";
            return RedirectToPage();
        }

        result.Errors.CopyTo(ModelState, nameof(Input));
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Revokes one deferral with the reason typed beside it; who and when are recorded and audited.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await handler.RevokeAsync(id, reason, User.Identity?.Name ?? "?", cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Deferral is { } d)
        {
            Revoked = $"{d.Uscc}|{d.FirstMonth}|{d.LastMonth}";
            return RedirectToPage();
        }

        RevokeFailed = id;
        result.Errors.CopyTo(ModelState, $"Revoke{id}");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Deferrals = await handler.ListAsync(null, cancellationToken);
        var parameters = rules.Parameters;
        var first = new YearMonth(2020, 2);
        Limits = (
            parameters["deferral.earliest_start"].At(first).Written,
            parameters["deferral.latest_end"].At(first).Written,
            parameters["deferral.max_months"].At(first).Written);
    }

    public sealed class DeferralForm
    {
        public string? Uscc { get; set; }

        public string? FirstMonth { get; set; }

        public string? LastMonth { get; set; }

        public string? Reference { get; set; }
    }
}
