using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Web;

namespace Wenjiu.Web.Pages.Admin;

/// <summary>Administrators search the audit log: by actor, action, record and UTC date range, newest first, paged.</summary>
internal sealed class AuditModel(PlatformDbContext db) : PageModel
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
            ModelState.AddModelError("Search.To", "结束日期不能早于开始日期 The end date must be the same as or after the start date");
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
            var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt >= since);
        }

        if (Search.To is { } end)
        {
            var until = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
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
    [StringLength(256)]
    [Display(Name = "操作人（用户名）Actor (user name)")]
    public string? Actor { get; set; }

    [StringLength(100)]
    [Display(Name = "操作（可填开头部分）Action (or its beginning)")]
    public string? Action { get; set; }

    [StringLength(200)]
    [Display(Name = "记录（包含）Record (contains)")]
    public string? Record { get; set; }

    [DataType(DataType.Date)]
    [Display(Name = "开始日期（UTC）From (UTC)")]
    public DateOnly? From { get; set; }

    [DataType(DataType.Date)]
    [Display(Name = "结束日期（UTC）To (UTC)")]
    public DateOnly? To { get; set; }

    [Range(1, int.MaxValue)]
    public int PageNumber { get; set; } = 1;
}
