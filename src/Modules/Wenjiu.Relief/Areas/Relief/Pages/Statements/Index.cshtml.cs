using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Features.Statements;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Areas.Relief.Pages.Statements;

/// <summary>
/// An employer's relief statement: every assessed month's bill per insurance and why (category, size class and the
/// thresholds behind it), one printed page per month. Without a code, an enterprise user is sent to its own and staff
/// get a look-up form.
/// </summary>
internal sealed class IndexModel(EmployerStatementHandler handler, ReliefRuleSet rules) : PageModel
{
    [FromQuery(Name = "code")]
    public string? Code { get; set; }

    internal EmployerStatement? Statement { get; private set; }

    /// <summary>Whether the employer's category depends on its size class (enterprises) or on its code alone.</summary>
    public bool CategoryBySize => Statement is not null && rules.Categories.NeedsSizeClass(Statement.Employer.EntityType);

    public async Task<IActionResult> OnGetAsync(string? uscc, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(uscc))
        {
            if (!User.MayEverywhere(Permissions.ViewStatements))
            {
                return User.EmployerUscc() is { Length: > 0 } own ? RedirectToPage("Index", new { uscc = own }) : NotFound();
            }

            if (!string.IsNullOrWhiteSpace(Code))
            {
                return RedirectToPage("Index", new { uscc = Code.Trim().ToUpperInvariant(), code = (string?)null });
            }

            return Page();
        }

        Statement = await handler.StatementAsync(uscc.Trim().ToUpperInvariant(), User, cancellationToken);
        return Statement is null ? NotFound() : Page();
    }

    internal static string SizeClassCode(SizeClass sizeClass) => SizeClassification.ClassNameEn(sizeClass);
}
