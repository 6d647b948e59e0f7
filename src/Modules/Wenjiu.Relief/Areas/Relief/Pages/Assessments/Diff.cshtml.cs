using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Areas.Relief.Pages.Assessments;

/// <summary>Two versions of a month side by side: totals per insurance and their difference, the changed parameters.</summary>
internal sealed class DiffModel(IStringLocalizer<ReliefText> text, AssessmentQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    internal AssessmentDiff? Diff { get; private set; }

    public bool VersionsMissing { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Month is null && From is null && To is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(Month) || !YearMonth.TryParse(Month, CultureInfo.InvariantCulture, out var month))
        {
            ModelState.AddModelError(nameof(Month), string.IsNullOrWhiteSpace(Month) ? text["Assess.Error.MonthRequired"] : text["Assess.Error.MonthInvalid", Month]);
            return;
        }

        if (From is null || To is null)
        {
            VersionsMissing = true;
            return;
        }

        Diff = await queries.DiffAsync(month, From.Value, To.Value, cancellationToken);
        VersionsMissing = Diff is null;
    }
}
