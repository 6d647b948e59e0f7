using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.Localization;
using Microsoft.Extensions.Localization;

// Not "…Pages.Imports": that is a keyword in Visual Basic (CA1716).
namespace Wenjiu.Registry.Areas.Registry.Pages.ImportRuns;

/// <summary>Upload an interchange file and start its import; the recent runs below.</summary>
[RequestSizeLimit(StartImportHandler.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = StartImportHandler.MaxUploadBytes)]
internal sealed class IndexModel(StartImportHandler start, ImportProgressHandler progress, IStringLocalizer<RegistryText> text) : PageModel
{
    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>
    /// A fresh key with every form, so that a double click or a resubmitted POST returns the first run instead of
    /// importing the file twice.
    /// </summary>
    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public IReadOnlyList<ImportRun> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        IdempotencyKey = Guid.NewGuid().ToString("N");
        Recent = await progress.RecentAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await start.HandleAsync(new ImportUpload(Kind, Upload, IdempotencyKey), User.Identity?.Name ?? "?", cancellationToken);
        switch (result.Outcome)
        {
            case ImportStart.Started or ImportStart.Repeated:
                return RedirectToPage("Status", new { id = result.RunId });
            case ImportStart.KeyReused or ImportStart.InProgress:
                ModelState.AddModelError(nameof(Upload), text["Import.Error.FormUsed"]);
                break;
            default:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(error.Field == "File" ? nameof(Upload) : error.Field, error.Message);
                }

                break;
        }

        IdempotencyKey = Guid.NewGuid().ToString("N");
        Recent = await progress.RecentAsync(cancellationToken);
        return Page();
    }
}
