using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform;
using Wenjiu.Platform.Jobs;
using Wenjiu.Platform.Web;
using Wenjiu.Web.Localization;

namespace Wenjiu.Web.Pages.Admin;

/// <summary>
/// Administrators see the background jobs of every module and every node (ADR 0008): queued, running and their history,
/// newest first, paged, with progress and attempts; and ask a queued or running one to stop.
/// </summary>
internal sealed class JobsModel(PlatformDbContext db, IJobQueue jobs, IStringLocalizer<SiteText> text) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public JobRunState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<JobRun> Runs { get; private set; } = [];

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Paging.Number(PageNumber, PageSize);
        Kinds = await db.JobRuns.AsNoTracking().Select(r => r.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
        var query = db.JobRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            query = query.Where(r => r.Kind == Kind);
        }

        if (State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        // One row more than a page tells whether there is a next page without counting a table that only grows.
        var rows = await query.OrderByDescending(r => r.QueuedAt).ThenBy(r => r.Id)
            .Skip(Paging.Offset(PageNumber, PageSize)).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Runs = rows.Take(PageSize).ToList();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var asked = await jobs.RequestCancellationAsync(id, User.Identity?.Name ?? "?", cancellationToken);
        Notice = asked ? text["Jobs.CancelAsked"] : text["Jobs.CannotCancel"];
        return RedirectToPage("/Admin/Jobs", new { Kind, State, PageNumber });
    }

    public IDictionary<string, string> RouteFor(int pageNumber) => new Dictionary<string, string>
    {
        ["Kind"] = Kind ?? "",
        ["State"] = State?.ToString() ?? "",
        ["PageNumber"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>"3 / 10" or "3", with the job's own word on what it is doing.</summary>
    public static string Progress(JobRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // A job that reported no progress (the assessment reports its own on its page) shows a dash, not a bare "0".
        if (run.ProgressDone == 0 && run.ProgressTotal is null && string.IsNullOrEmpty(run.ProgressMessage))
        {
            return "—";
        }

        var counts = run.ProgressTotal is { } total
            ? string.Create(System.Globalization.CultureInfo.CurrentCulture, $"{run.ProgressDone:N0} / {total:N0}")
            : run.ProgressDone.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
        return run.ProgressMessage is { Length: > 0 } message ? $"{counts} · {message}" : counts;
    }
}
