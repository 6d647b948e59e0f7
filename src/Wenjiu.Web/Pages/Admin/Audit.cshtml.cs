using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Time;
using Wenjiu.Web.Localization;
using Wenjiu.Platform.Web;

namespace Wenjiu.Web.Pages.Admin;

/// <summary>
/// Administrators search the audit log: by actor, action, record and date range, newest first, paged. Dates are Beijing
/// calendar days (a day starts at 00:00 Beijing time), as every time on the page is shown in Beijing time.
/// </summary>
internal sealed class AuditModel(PlatformDbContext db, IStringLocalizer<SiteText> text) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditSearch Search { get; set; } = new();

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Search.PageNumber = Paging.Number(Search.PageNumber, PageSize);
        if (Search.From is { } from && Search.To is { } to && from > to)
        {
            ModelState.AddModelError("Search.To", text["Audit.ToBeforeFrom"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search.Actor))
        {
            query = query.Where(e => e.Actor == Search.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Search.Action))
        {
            // A prefix finds a family of actions: "sign-in" finds succeeded, failed and locked-out.
            query = query.Where(e => e.Action.StartsWith(Search.Action.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Search.Record))
        {
            query = query.Where(e => e.Record.Contains(Search.Record.Trim()));
        }

        if (Search.From is { } start)
        {
            var since = BeijingTime.StartOf(start);
            query = query.Where(e => e.OccurredAt >= since);
        }

        if (Search.To is { } end)
        {
            var until = BeijingTime.StartOf(end.AddDays(1));
            query = query.Where(e => e.OccurredAt < until);
        }

        // One row more than a page tells whether there is a next page without counting a log that only grows.
        var rows = await query.OrderByDescending(e => e.Id).Skip(Paging.Offset(Search.PageNumber, PageSize)).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
        return Page();
    }

    public IDictionary<string, string> RouteFor(int pageNumber) => new Dictionary<string, string>
    {
        ["Search.Actor"] = Search.Actor ?? "",
        ["Search.Action"] = Search.Action ?? "",
        ["Search.Record"] = Search.Record ?? "",
        ["Search.From"] = Search.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Search.To"] = Search.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Search.PageNumber"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

internal sealed class AuditSearch
{
    // Messages are SiteText keys (WebSetup's data-annotation localizer reads them in the page's language).
    [StringLength(256, ErrorMessage = "Audit.TooLong")]
    public string? Actor { get; set; }

    [StringLength(100, ErrorMessage = "Audit.TooLong")]
    public string? Action { get; set; }

    [StringLength(200, ErrorMessage = "Audit.TooLong")]
    public string? Record { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? From { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? To { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Audit.PageNumber")]
    public int PageNumber { get; set; } = 1;
}
