using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Registry.Features.EditEmployer;

namespace Wenjiu.Registry.Areas.Registry.Pages.Employers;

/// <summary>Staff register an employer (no code in the route) or correct one (its code in the route).</summary>
internal sealed class EditModel(EditEmployerHandler handler) : PageModel
{
    [BindProperty]
    public EmployerForm Input { get; set; } = new();

    /// <summary>The employer being edited; null when registering a new one.</summary>
    public string? Uscc { get; private set; }

    public bool IsNew => Uscc is null;

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string? uscc, CancellationToken cancellationToken)
    {
        if (uscc is null)
        {
            return Page();
        }

        var form = await handler.LoadAsync(uscc.Trim().ToUpperInvariant(), cancellationToken);
        if (form is null)
        {
            return NotFound();
        }

        Uscc = form.Uscc;
        Input = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? uscc, CancellationToken cancellationToken)
    {
        // Only the handler's own checks count: the form is all text, so model binding cannot fail on a field.
        ModelState.Clear();
        Uscc = uscc?.Trim().ToUpperInvariant();
        var saved = Uscc is null
            ? await handler.CreateAsync(Input, cancellationToken)
            : await handler.UpdateAsync(Uscc, Input, cancellationToken);
        if (!saved.Found)
        {
            return NotFound();
        }

        if (!saved.Errors.IsEmpty)
        {
            saved.Errors.CopyTo(ModelState, nameof(Input));
            if (Uscc is not null)
            {
                Input.Uscc = Uscc;
            }

            return Page();
        }

        Saved = "1";
        return RedirectToPage("Detail", new { uscc = saved.Uscc });
    }
}
