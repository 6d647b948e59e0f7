using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Agencies;

namespace Wenjiu.Payments.Areas.Payments.Pages.Agencies;

/// <summary>Staff verify registered HR agencies' licences (an agency without a verified licence is not paid).</summary>
internal sealed class IndexModel(AgencySubsidies subsidies) : PageModel
{
    internal IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Agencies = await subsidies.AgenciesAsync(cancellationToken);

    public async Task<IActionResult> OnPostVerifyAsync(long id, CancellationToken cancellationToken) =>
        await subsidies.VerifyAsync(id, User.Identity?.Name ?? "?", cancellationToken) ? RedirectToPage() : NotFound();
}
