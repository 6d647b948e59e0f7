using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Relief.Features.Scenarios;

namespace Wenjiu.Relief.Areas.Relief.Pages.Scenarios;

/// <summary>
/// One run: live progress while it goes (live-progress.js polls the API and reloads when it finishes), then the
/// results beside the baseline: by size class over the range, by month, and by month and size class, with a chart.
/// </summary>
internal sealed class RunModel(ScenarioRunViewHandler handler) : PageModel
{
    internal ScenarioRunView View { get; private set; } = null!;

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
}
