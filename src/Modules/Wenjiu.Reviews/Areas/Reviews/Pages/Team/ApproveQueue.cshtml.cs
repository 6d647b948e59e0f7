using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Jobs;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Team;

/// <summary>
/// A team lead approves a whole filtered queue (a year's refund list): the page counts the open tasks the filter takes
/// and asks for confirmation with that count; confirmed, the approval runs as a background job and the page follows
/// its progress and says what it did (decided, waiting for a second reviewer, stale, skipped).
/// </summary>
internal sealed class ApproveQueueModel(ReviewQueue queue, ReviewQueries queries, IJobQueue jobs, IOptions<ReviewOptions> options, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>Only tasks whose amount alone sends none to four eyes (the default: the batch's ordinary route).</summary>
    [BindProperty(SupportsGet = true)]
    public bool OrdinaryOnly { get; set; } = true;

    /// <summary>When the count shown was taken: the job takes what was open then, and counts as stale what changed since.</summary>
    [BindProperty]
    public DateTimeOffset AsOf { get; set; }

    /// <summary>The count the lead confirmed.</summary>
    [BindProperty]
    public int Expected { get; set; }

    [FromQuery(Name = "job")]
    public Guid? Job { get; set; }

    public int Count { get; private set; }

    public IReadOnlyList<string> Groups { get; private set; } = [];

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    public decimal FourEyesAbove => options.Value.FourEyesAbove;

    internal JobRun? JobRun { get; private set; }

    internal ApproveQueueJob.Outcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Job is { } id)
        {
            JobRun = await jobs.FindAsync(id, cancellationToken) is { Kind: ApproveQueueJob.Kind } run ? run : null;
            if (JobRun is null)
            {
                return NotFound();
            }

            Outcome = JobRun is { State: JobRunState.Succeeded, Result: { } result } ? JsonSerializer.Deserialize<ApproveQueueJob.Outcome>(result, ApproveQueueJob.Json) : null;
        }

        AsOf = clock.GetUtcNow();
        Count = await queue.QueueToApprove(Selection, Me, AsOf).CountAsync(cancellationToken);
        (Groups, Kinds) = await queries.OpenGroupsAndKindsAsync(cancellationToken);
        return Page();
    }

    /// <summary>Queues the approval of the tasks counted (as of when they were counted); the page follows the job.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var asOf = AsOf == default || AsOf > now ? now : AsOf;
        var id = await jobs.EnqueueAsync(ApproveQueueJob.Kind, new ApproveQueueJob.Parameters(Selection.Group, Selection.Kind, OrdinaryOnly, asOf, Expected, null), Me, cancellationToken: cancellationToken);
        return RedirectToPage(new { group = Group, kind = Kind, ordinaryOnly = OrdinaryOnly, job = id });
    }

    private QueueSelection Selection => new(string.IsNullOrWhiteSpace(Group) ? null : Group, string.IsNullOrWhiteSpace(Kind) ? null : Kind, OrdinaryOnly);

    private string Me => User.Identity?.Name ?? "?";
}
