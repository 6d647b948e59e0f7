using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Applications;
using Wenjiu.Recruitment.Features.Seekers;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Jobs;

/// <summary>
/// One posting (issue 10 §3–§4): its facts, and for a job seeker the apply button, a plain form whose hidden
/// idempotency key is drawn when the page is shown, so a double submit or a browser's resend makes one application.
/// </summary>
internal sealed class DetailModel(RecruitmentDbContext db, Features.Seekers.Seekers seekers, Features.Applications.Applications applications) : PageModel
{
    public Posting Posting { get; private set; } = null!;

    /// <summary>The signed-in seeker's application to this posting, when there is one.</summary>
    public Application? Mine { get; private set; }

    public bool MayApply { get; private set; }

    public bool HasProfile { get; private set; }

    public string IdempotencyKey { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(long id, [FromForm(Name = "idempotency_key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!User.May(Permissions.SeekWork))
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken) || await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return NotFound();
        }

        var result = await applications.ApplyAsync(seeker, id, idempotencyKey, ApplicationRoutes.Seeker, null, User.Identity.Name!, cancellationToken);
        if (result.Application is null)
        {
            Error = result.Errors.Values.FirstOrDefault() ?? "Application.Error.Closed";
            IdempotencyKey = Guid.NewGuid().ToString("N");
            return Page();
        }

        return RedirectToPage("/Applications/Index", new { applied = result.Application.Id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Postings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } posting)
        {
            return false;
        }

        Posting = posting;
        MayApply = User.May(Permissions.SeekWork);
        if (MayApply && await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is { } seeker)
        {
            HasProfile = true;
            Mine = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.PostingId == id && a.SeekerId == seeker.Id, cancellationToken);
        }

        return true;
    }
}
