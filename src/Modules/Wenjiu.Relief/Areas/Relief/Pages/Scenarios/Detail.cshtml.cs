using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Areas.Relief.Pages.Scenarios;

/// <summary>A saved scenario: its overrides, its runs, and the form that runs it (again) over a range of months.</summary>
internal sealed class DetailModel(ScenarioHandler handler, IStringLocalizer<ReliefText> text) : PageModel
{
    [BindProperty]
    public string? FirstMonth { get; set; } = "2020-02";

    [BindProperty]
    public string? LastMonth { get; set; } = "2020-12";

    internal ScenarioView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await handler.FindAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var (runId, problems) = await handler.StartRunAsync(id, FirstMonth, LastMonth, User.Identity?.Name ?? "?", cancellationToken);
        if (runId is { } started)
        {
            return RedirectToPage("Run", new { id = started });
        }

        var view = await handler.FindAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        foreach (var problem in problems)
        {
            ModelState.AddModelError(problem.Field, text.Problem(problem));
        }

        return Page();
    }
}
