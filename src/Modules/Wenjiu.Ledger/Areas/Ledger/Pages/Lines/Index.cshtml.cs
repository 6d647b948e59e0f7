using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Ledger.Features.Lines;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Ledger.Areas.Ledger.Pages.Lines;

/// <summary>
/// Demand lines, most urgent first: an enterprise's own lines (add, open to edit, close, confirm); a specialist's work
/// list with funnel and stuck flags (<c>?all=true</c> every line); everyone else's view of every line.
/// </summary>
internal sealed class IndexModel(LineQueries queries) : PageModel
{
    internal IReadOnlyList<LineView> Lines { get; private set; } = [];

    internal bool Enterprise { get; private set; }

    internal bool WorkList { get; private set; }

    public async Task OnGetAsync(bool? all, bool? done, CancellationToken cancellationToken)
    {
        Enterprise = !User.MayEverywhere(Permissions.ViewDemandLines);
        WorkList = !Enterprise && all != true && User.IsInRole(Roles.ServiceSpecialist);
        Lines = await queries.ListAsync(Enterprise ? User.EmployerUscc() ?? "-" : null, WorkList ? User.Identity?.Name : null, done == true, cancellationToken);
    }
}
