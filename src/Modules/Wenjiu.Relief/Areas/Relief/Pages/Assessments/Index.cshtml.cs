using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Areas.Relief.Pages.Assessments;

/// <summary>Start the assessment of a month (it runs in the background) and see the runs so far.</summary>
internal sealed class IndexModel(IStringLocalizer<ReliefText> text, BackgroundAssessments queue, AssessmentQueries queries) : PageModel
{

    [BindProperty]
    public string? Month { get; set; }

    internal IReadOnlyList<AssessmentRun> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Month ??= "2020-02";
        Runs = await queries.RecentAsync(null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Month))
        {
            ModelState.AddModelError(nameof(Month), text["Assess.Error.MonthRequired"]);
        }
        else if (!YearMonth.TryParse(Month, CultureInfo.InvariantCulture, out var month))
        {
            ModelState.AddModelError(nameof(Month), text["Assess.Error.MonthInvalid", Month]);
        }
        else
        {
            var id = queue.Enqueue(month, User.Identity?.Name ?? "?");
            return RedirectToPage("Run", new { id });
        }

        Runs = await queries.RecentAsync(null, cancellationToken);
        return Page();
    }
}
