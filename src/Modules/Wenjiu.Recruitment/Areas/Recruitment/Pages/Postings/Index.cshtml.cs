using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Postings;

/// <summary>An enterprise's own postings, newest first, with their applicant counts, a link to each pipeline board, and plain forms to refresh, open or close.</summary>
internal sealed class IndexModel(RecruitmentDbContext db, Features.Postings.Postings postings) : PageModel
{
    public sealed record Row(Posting Posting, int Applicants);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The posting just published or changed through the form, to confirm it.</summary>
    public long? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        if (User.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return NotFound();
        }

        var own = await db.Postings.AsNoTracking().Where(p => p.Uscc == uscc).OrderByDescending(p => p.Id).Take(200).ToListAsync(cancellationToken);
        var ids = own.Select(p => p.Id).ToList();
        var counts = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.PostingId)).GroupBy(a => a.PostingId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Rows = [.. own.Select(p => new Row(p, counts.GetValueOrDefault(p.Id)))];
        return Page();
    }

    public Task<IActionResult> OnPostRefreshAsync(long id, CancellationToken cancellationToken) =>
        ChangeAsync(id, (p, c) => postings.RefreshAsync(p, c), cancellationToken);

    public Task<IActionResult> OnPostSwitchAsync(long id, bool open, CancellationToken cancellationToken) =>
        ChangeAsync(id, (p, c) => postings.SwitchAsync(p.Id, open, c), cancellationToken);

    private async Task<IActionResult> ChangeAsync(long id, Func<Posting, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        if (await postings.OwnAsync(id, User, cancellationToken) is not { } posting)
        {
            return NotFound();
        }

        await change(posting, cancellationToken);
        return RedirectToPage();
    }
}
