using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Features.Deferrals;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Mine;

/// <summary>
/// The enterprise applies for a deferral: months, reason, evidence files. The form carries an idempotency key made when
/// it was shown, so a double click or a resubmitted page finds the first application instead of making a second.
/// </summary>
internal sealed class DeferralModel(DeferralApplications applications) : PageModel
{
    [BindProperty]
    public string? FirstMonth { get; set; }

    [BindProperty]
    public string? LastMonth { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public List<IFormFile> Evidence { get; set; } = [];

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public IActionResult OnGet()
    {
        if (User.EmployerUscc() is not { Length: > 0 })
        {
            return NotFound();
        }

        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return NotFound();
        }

        ModelState.Clear();
        var uploads = Evidence.Where(f => f.Length > 0).Select(f => new UploadedFile(f.FileName, f.OpenReadStream)).ToList();
        var result = await applications.ApplyAsync(uscc, User, new DeferralApplicationInput(FirstMonth, LastMonth, Reason, uploads, [], IdempotencyKey), cancellationToken);
        if (result.Application is { TaskId: { } taskId })
        {
            return RedirectToPage("Requests", new { id = taskId });
        }

        result.Errors.CopyTo(ModelState, "");
        return Page();
    }
}
