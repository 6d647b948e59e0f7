using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Payments.Features.Payouts;

namespace Wenjiu.Payments.Areas.Payments.Pages.Payouts;

/// <summary>Downloads a batch's bank file exactly as it was written (audited: it holds account numbers in clear).</summary>
internal sealed class BatchModel(PayoutExport export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int number, CancellationToken cancellationToken)
    {
        var batch = await export.FindAsync(number, User.Identity?.Name ?? "?", cancellationToken);
        return batch is null ? NotFound() : File(batch.Content, "text/csv", $"payouts-batch-{number}.csv");
    }
}
