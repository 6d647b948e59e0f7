using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.EmployerDetail;

namespace Wenjiu.Registry.Areas.Registry.Pages.Employers;

/// <summary>One employer: facts, size class and why, insured headcount, masked employee list. Staff, or the employer's own users.</summary>
internal sealed class DetailModel(EmployerDetailHandler handler, RecordLinks recordLinks) : PageModel
{
    /// <summary>What other modules offer on this employer for this user (e.g. its relief statements).</summary>
    public IReadOnlyList<NavigationItem> Related { get; private set; } = [];

    public EmployerDetailResult Detail { get; private set; } = null!;

    public bool CanEdit => User.MayEverywhere(Permissions.EditEmployer);

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string uscc, [FromQuery(Name = "employeesPage")] int? page, CancellationToken cancellationToken)
    {
        var detail = await handler.HandleAsync((uscc ?? "").Trim().ToUpperInvariant(), User, page ?? 1, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        Related = recordLinks.For(RegistryRecords.Employer, detail.Employer.Uscc, User);
        return Page();
    }
}
