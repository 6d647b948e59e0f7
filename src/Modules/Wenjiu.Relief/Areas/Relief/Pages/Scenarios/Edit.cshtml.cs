using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Areas.Relief.Pages.Scenarios;

/// <summary>Define or change a scenario: name, description, and the parameter overrides in the parameter-file format.</summary>
internal sealed class EditModel(ScenarioHandler handler, IStringLocalizer<ReliefText> text, Wenjiu.Relief.Rules.ReliefRuleSet rules) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? OverridesYaml { get; set; }

    [BindProperty]
    public string? SmeWindowEnd { get; set; }

    [BindProperty]
    public string? SmeFactor { get; set; }

    [BindProperty]
    public string? LargeWindowEnd { get; set; }

    [BindProperty]
    public string? LargeFactor { get; set; }

    [BindProperty]
    public string? PensionRate { get; set; }

    /// <summary>The baseline's windows and rate, shown as hints beside the common fields.</summary>
    internal CategoryWindow SmeBaseline => CommonOverrides.Baseline(rules, CommonOverrides.Sme);

    internal CategoryWindow LargeBaseline => CommonOverrides.Baseline(rules, CommonOverrides.LargeOrOther);

    internal (Wenjiu.Platform.Periods.YearMonth From, string Rate) RateBaseline => CommonOverrides.RateBaseline(rules);

    public Guid? Id { get; private set; }

    /// <summary>What can be overridden: every parameter of the rule set.</summary>
    public IEnumerable<Wenjiu.Platform.Rules.Parameter> Parameters => rules.Parameters.All.OrderBy(p => p.Name, StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(Guid? id, string? example, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is { } existing)
        {
            var view = await handler.FindAsync(existing, cancellationToken);
            if (view is null)
            {
                return NotFound();
            }

            (Name, Description, OverridesYaml) = (view.Scenario.Name, view.Scenario.Description, view.Scenario.OverridesYaml);
        }
        else if (ScenarioExamples.Find(example) is { } start)
        {
            (Name, Description, OverridesYaml) = (start.Name, start.Description, start.OverridesYaml);
        }

        // The same overrides, read back into the common fields where they have the form's shape.
        var common = CommonOverrides.Read(OverridesYaml, rules);
        (SmeWindowEnd, SmeFactor, LargeWindowEnd, LargeFactor, PensionRate) = (common.SmeWindowEnd, common.SmeFactor, common.LargeWindowEnd, common.LargeFactor, common.PensionRate);

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Id = id;
        var (saved, problems) = await handler.SaveAsync(id, new ScenarioForm(Name, Description, OverridesYaml, new CommonOverridesForm(SmeWindowEnd, SmeFactor, LargeWindowEnd, LargeFactor, PensionRate)), User.Identity?.Name ?? "?", cancellationToken);
        if (saved is { } scenarioId)
        {
            return RedirectToPage("Detail", new { id = scenarioId });
        }

        if (problems.Count == 0)
        {
            return NotFound();
        }

        foreach (var problem in problems)
        {
            ModelState.AddModelError(problem.Field, text.Problem(problem));
        }

        return Page();
    }
}
