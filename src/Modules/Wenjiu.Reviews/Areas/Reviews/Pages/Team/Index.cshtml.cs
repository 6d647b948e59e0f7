using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Team;

/// <summary>
/// The team lead's view (Caseflow's team queue): workload and overdue per reviewer, every undecided task earliest due
/// first, reassignment of one or many (manual distribution of an urgent task included) and automatic distribution.
/// </summary>
internal sealed class IndexModel(ReviewQueries queries, ReviewQueue queue, UserManager<WenjiuUser> users, TimeProvider clock) : PageModel
{
    internal IReadOnlyList<ReviewerLoad> Workload { get; private set; } = [];

    internal IReadOnlyList<ReviewTask> Tasks { get; private set; } = [];

    public IReadOnlyList<string> Reviewers { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [FromQuery(Name = "reviewer")]
    public string? Filter { get; set; }

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    [BindProperty]
    public string? To { get; set; }

    [TempData]
    public string? Moved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostReassignAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var (moved, errors) = await queue.BulkReassignAsync(Selected, To, User.Identity?.Name ?? "?", cancellationToken);
        if (errors.IsEmpty)
        {
            Moved = moved.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RedirectToPage(new { reviewer = Filter });
        }

        errors.CopyTo(ModelState, "");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDistributeAsync(CancellationToken cancellationToken)
    {
        var moved = await queue.DistributeAsync(User.Identity?.Name ?? "?", cancellationToken);
        Moved = moved.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Reviewers = (await users.GetUsersInRoleAsync(Roles.Reviewer)).Where(u => u.DisabledAt is null && u.UserName is not null).Select(u => u.UserName!).Order(StringComparer.Ordinal).ToList();
        Workload = await queries.WorkloadAsync(Reviewers, cancellationToken);
        Tasks = await queries.UndecidedAsync(Filter, cancellationToken);
    }
}
