using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Deferrals;

namespace Wenjiu.Relief.Areas.Relief.Pages.Assessments;

/// <summary>One run: live progress while it goes (live-progress.js polls the API), then its totals per insurance.</summary>
internal sealed class RunModel(AssessmentQueries queries, BackgroundAssessments queue, DeferralHandler deferrals) : PageModel
{
    public Guid Id { get; private set; }

    public AssessmentRun? Run { get; private set; }

    public YearMonth Month { get; private set; }

    public bool IsFinished => Run is not null && Run.Status != AssessmentStatus.Running;

    internal IReadOnlyList<InsuranceTotals> Insurances { get; private set; } = [];

    /// <summary>Deferred amounts falling due this month (deferrals that ended the month before).</summary>
    public decimal DeferredNowDue { get; private set; }

    public int? PreviousVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Id = id;
        Run = await queries.FindAsync(id, cancellationToken);
        if (Run is null)
        {
            if (queue.Queued(id) is not { } queued)
            {
                return NotFound();
            }

            Month = queued.Month;
            return Page();
        }

        Month = Run.Month;
        if (Run.Status == AssessmentStatus.Completed)
        {
            Insurances = await queries.InsuranceTotalsAsync(Run.Id, cancellationToken);
            var due = await deferrals.NowDueAsync(Month, null, cancellationToken);
            DeferredNowDue = due.Values.Sum();
            PreviousVersion = Run.Version > 1 ? Run.Version - 1 : null;
        }

        return Page();
    }
}
