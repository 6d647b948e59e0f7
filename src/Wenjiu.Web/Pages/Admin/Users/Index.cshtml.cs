using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform;
using Wenjiu.Platform.Web;

namespace Wenjiu.Web.Pages.Admin.Users;

/// <summary>Every account with its roles, employer binding, two-factor state and lockout; paged by user name.</summary>
internal sealed class IndexModel(PlatformDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Paging.Number(PageNumber, PageSize);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Skip(Paging.Offset(PageNumber, PageSize))
            .Take(PageSize + 1)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.EmployerUscc, u.TwoFactorEnabled, u.LockoutEnd, Disabled = u.DisabledAt != null })
            .ToListAsync(cancellationToken);
        HasNextPage = users.Count > PageSize;
        var ids = users.Take(PageSize).Select(u => u.Id).ToList();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where ids.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        Rows = users.Take(PageSize)
            .Select(u => new UserRow(
                u.Id,
                u.UserName ?? "",
                u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
                u.EmployerUscc,
                u.TwoFactorEnabled,
                u.LockoutEnd > now,
                u.Disabled))
            .ToList();
    }
}

internal sealed record UserRow(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? EmployerUscc, bool TwoFactorEnabled, bool LockedOut, bool Disabled);
