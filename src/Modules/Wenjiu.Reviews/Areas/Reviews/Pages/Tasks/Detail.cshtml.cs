using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Tasks;

/// <summary>
/// One task: the request, its evidence and history, and the reviewer's actions. Every form carries the version the page
/// was read at; a change that came first makes the form stale, and the page says who made it and when.
/// </summary>
internal sealed class DetailModel(ReviewQueries queries, ReviewQueue queue, TimeProvider clock) : PageModel
{
    internal TaskView? View { get; private set; }

    internal IReadOnlyList<ReviewReason> Reasons { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Question { get; set; }

    [BindProperty]
    public List<string> Reason { get; set; } = [];

    [TempData]
    public string? Done { get; set; }

    public string Me => User.Identity?.Name ?? "?";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostClaimAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "claimed", () => queue.ClaimAsync(id, Version, Me, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReleaseAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "released", () => queue.ReleaseAsync(id, Version, Me, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "approved", () => queue.ApproveAsync(id, Version, Me, Note, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "refused", () => queue.RefuseAsync(id, Version, Me, Reason, Note, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAskAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "information_requested", () => queue.RequestInformationAsync(id, Version, Me, Question, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(long id, string done, Func<Task<TaskChange>> act, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var change = await act();
        if (change.NotFound)
        {
            return NotFound();
        }

        if (change.Done)
        {
            Done = done;
            return RedirectToPage(new { id });
        }

        if (change.Stale is { } stale)
        {
            ModelState.AddModelError("Task", stale);
        }

        change.Errors.CopyTo(ModelState, "");
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        View = await queries.FindAsync(id, cancellationToken);
        Now = clock.GetUtcNow();
        if (View is null)
        {
            return false;
        }

        Reasons = ReviewQueue.ReasonsOf(View.Task);
        Version = View.Task.Version;
        return true;
    }
}
