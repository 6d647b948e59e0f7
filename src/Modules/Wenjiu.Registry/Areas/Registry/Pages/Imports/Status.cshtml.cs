using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Registry.Features.Import;

// Not "…Pages.Imports": that is a keyword in Visual Basic (CA1716).
namespace Wenjiu.Registry.Areas.Registry.Pages.ImportRuns;

/// <summary>One run: live progress while it goes (import-progress.js polls the API), then the summary and the first rejections.</summary>
internal sealed class StatusModel(ImportProgressHandler progress) : PageModel
{
    public ImportProgressView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await progress.FindAsync(id, withRejections: true, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
