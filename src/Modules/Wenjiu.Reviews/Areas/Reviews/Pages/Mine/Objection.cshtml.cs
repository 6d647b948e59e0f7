using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Features.Deferrals;
using Wenjiu.Reviews.Features.Objections;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Mine;

/// <summary>The enterprise objects to its published size class: the class it claims, why, and evidence; one per idempotency key.</summary>
internal sealed class ObjectionModel(SizeObjections objections, IPolicySizeClasses sizeClasses) : PageModel
{
    [BindProperty]
    public string? Claimed { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public List<IFormFile> Evidence { get; set; } = [];

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public PolicySizeClass? Policy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return NotFound();
        }

        Policy = await sizeClasses.FindAsync(uscc, cancellationToken);
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
        var result = await objections.ObjectAsync(uscc, User, new SizeObjectionInput(Claimed, Reason, uploads, IdempotencyKey), cancellationToken);
        if (result.Objection is { TaskId: { } taskId })
        {
            return RedirectToPage("Requests", new { id = taskId });
        }

        result.Errors.CopyTo(ModelState, "");
        Policy = await sizeClasses.FindAsync(uscc, cancellationToken);
        return Page();
    }
}
