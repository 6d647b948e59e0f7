using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Features.Statements;

namespace Wenjiu.Relief.Areas.Relief.Pages.Statements;

/// <summary>One month of the statement with every person's lines and their traces, recomputed from the registry.</summary>
internal sealed class MonthModel(EmployerStatementHandler handler) : PageModel
{
    internal StatementMonth View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string uscc, string month, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (!YearMonth.TryParse(month, CultureInfo.InvariantCulture, out var contributionMonth))
        {
            return NotFound();
        }

        var view = await handler.MonthAsync((uscc ?? "").Trim().ToUpperInvariant(), contributionMonth, User, page ?? 1, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    internal static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.###", CultureInfo.CurrentCulture) + "%" : "—";
}
