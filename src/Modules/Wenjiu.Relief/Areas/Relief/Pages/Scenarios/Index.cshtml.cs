using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Scenarios;

namespace Wenjiu.Relief.Areas.Relief.Pages.Scenarios;

/// <summary>The saved scenarios with their latest run, and the way to a new one.</summary>
internal sealed class IndexModel(ScenarioHandler handler) : PageModel
{
    internal IReadOnlyList<(Scenario Scenario, ScenarioRun? LastRun)> Scenarios { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Scenarios = await handler.ListAsync(cancellationToken);
}
