using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Payments.Contracts;
using Wenjiu.Platform.Identity;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Mine;

/// <summary>
/// The enterprise's one place (issue 9 §8): its requests and where each stands, the questions waiting for its answer,
/// decisions with their letters, and its payments when the payments module is part of the host (an optional contract:
/// none registered, no payments section).
/// </summary>
internal sealed class IndexModel(ReviewQueries queries, IEnumerable<IEmployerPayments> payments, TimeProvider clock) : PageModel
{
    internal IReadOnlyList<ReviewTask> Requests { get; private set; } = [];

    internal IReadOnlyList<EmployerPayment>? Payments { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return NotFound();
        }

        Now = clock.GetUtcNow();
        Requests = await queries.OfEmployerAsync(uscc, cancellationToken);
        if (payments.FirstOrDefault() is { } source)
        {
            Payments = await source.ForPayeeAsync(uscc, cancellationToken);
        }

        return Page();
    }
}
