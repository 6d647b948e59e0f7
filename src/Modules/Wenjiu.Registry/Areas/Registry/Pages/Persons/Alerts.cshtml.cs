using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Registry.Features.LookupPerson;

namespace Wenjiu.Registry.Areas.Registry.Pages.Persons;

/// <summary>Administrators see who went over the person look-up quota in the last seven days.</summary>
internal sealed class AlertsModel(LookupAlertsHandler handler) : PageModel
{
    public IReadOnlyList<LookupAlert> Alerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Alerts = await handler.RecentAsync(cancellationToken);
}
