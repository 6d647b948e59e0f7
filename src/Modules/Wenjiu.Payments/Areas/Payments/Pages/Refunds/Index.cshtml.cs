using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Jobs;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Refunds;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Areas.Payments.Pages.Refunds;

/// <summary>
/// A year's refund results for staff: counts by reason, a filtered list (reason, district), and a button that runs the
/// batch as a background job with progress. An enterprise user is sent to its own explanation.
/// </summary>
internal sealed class IndexModel(RefundResults results, IJobQueue jobs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; } = 2019;

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Job { get; set; }

    internal RefundRun? Run { get; private set; }

    internal JobRun? JobRun { get; private set; }

    internal IReadOnlyList<ReasonCount> Counts { get; private set; } = [];

    internal IReadOnlyList<RefundResultRow> Rows { get; private set; } = [];

    public bool YearHasRules => RefundParameters.Covers(Year);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.MayEverywhere(Permissions.ViewRefunds) && User.EmployerUscc() is { Length: > 0 } own)
        {
            return RedirectToPage("Employer", new { year = Year, uscc = own });
        }

        if (Job is { } id)
        {
            JobRun = await jobs.FindAsync(id, cancellationToken) is { Kind: RefundJob.Kind } run ? run : null;
        }

        Run = await results.LatestRunAsync(Year, cancellationToken);
        Counts = await results.CountsAsync(Year, cancellationToken);
        Rows = await results.ListAsync(Year, Reason, District, After, cancellationToken);
        return Page();
    }

    /// <summary>Queues the year's batch (then the eligible list goes to review); the page follows the job.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!YearHasRules)
        {
            return BadRequest();
        }

        var id = await jobs.EnqueueAsync(RefundJob.Kind, new RefundJob.Parameters(Year), User.Identity?.Name ?? "?", cancellationToken: cancellationToken);
        return RedirectToPage(new { year = Year, job = id });
    }
}
