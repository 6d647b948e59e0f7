using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Letters;

/// <summary>
/// The decision letter (决定书), printable: the decision, the reasons chosen quoted in full, who decided and when. For
/// reviewers and for the applicant's own users; anyone else, and an undecided task, answer 404.
/// </summary>
internal sealed class IndexModel(ReviewQueries queries, IEmployerDirectory employers) : PageModel
{
    internal TaskView? View { get; private set; }

    internal IReadOnlyList<ReviewReason> Chosen { get; private set; } = [];

    public string? EmployerName { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        View = await queries.FindAsync(id, cancellationToken);
        if (View is not { Task: { IsDecided: true } task } || task.Status == Domain.ReviewStatus.Withdrawn
            || !(User.MayEverywhere(Permissions.ReviewTasks) || (task.Uscc is { } uscc && User.MayFor(Permissions.ApplyForReview, uscc))))
        {
            return NotFound();
        }

        var codes = task.ReasonCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Chosen = ReviewQueue.ReasonsOf(task).Where(r => codes.Contains(r.Code, StringComparer.Ordinal)).ToList();
        EmployerName = task.Uscc is { } code ? await employers.NameAsync(code, cancellationToken) : null;
        return Page();
    }
}
