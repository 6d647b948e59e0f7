using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Tasks;

/// <summary>A reviewer's inbox: the tasks they hold, earliest due first, and the queue's unclaimed ones they may take.</summary>
internal sealed class IndexModel(ReviewQueries queries, ReviewQueue queue, TimeProvider clock) : PageModel
{
    internal IReadOnlyList<ReviewTask> Mine { get; private set; } = [];

    internal IReadOnlyList<ReviewTask> Unclaimed { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [FromQuery(Name = "group")]
    public string? Group { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.Identity?.Name ?? "?";
        Now = clock.GetUtcNow();
        Mine = await queries.MineAsync(me, cancellationToken);
        Unclaimed = await queries.UnclaimedAsync(me, Group, cancellationToken);
    }

    /// <summary>Takes a task from the queue; a task someone took meanwhile is refused with who and when.</summary>
    public async Task<IActionResult> OnPostClaimAsync(long id, int version, CancellationToken cancellationToken)
    {
        var change = await queue.ClaimAsync(id, version, User.Identity?.Name ?? "?", cancellationToken);
        if (change.NotFound)
        {
            return NotFound();
        }

        if (!change.Done)
        {
            Problem = change.Stale ?? string.Join(' ', change.Errors.Select(e => e.Message));
            return RedirectToPage();
        }

        return RedirectToPage("Detail", new { id });
    }
}
