using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Applications;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Pipeline;

/// <summary>
/// A posting's pipeline board for its employer: applicants by stage, each with a plain form to move them (or refuse
/// with a reason of the fixed list), so the board works without JavaScript. Another employer's posting is 404.
/// </summary>
internal sealed class IndexModel(RecruitmentDbContext db, Features.Applications.Applications applications, Features.Interviews.Interviews interviews) : PageModel
{
    public Posting Posting { get; private set; } = null!;

    public IReadOnlyList<Applicant> Applicants { get; private set; } = [];

    public string? Error { get; private set; }

    internal ILookup<long, Interview> Interviews { get; private set; } = Array.Empty<Interview>().ToLookup(i => i.ApplicationId);

    /// <summary>
    /// Invites an applicant to an interview round: the start in Beijing time (the form's datetime-local), the length and
    /// the online room; the seeker is notified and can download the invitation's .ics.
    /// </summary>
    public async Task<IActionResult> OnPostInviteAsync(
        long id, [FromForm] long application, [FromForm(Name = "starts_at")] DateTime? startsAt, [FromForm] int? minutes, [FromForm] string? link, CancellationToken cancellationToken)
    {
        if (await db.Postings.AsNoTracking().Where(p => p.Id == id).Select(p => p.Uscc).FirstOrDefaultAsync(cancellationToken) is not { } uscc
            || !User.MayFor(Permissions.WorkApplications, uscc))
        {
            return NotFound();
        }

        DateTimeOffset? starts = startsAt is { } local
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Platform.Time.BeijingTime.Zone.GetUtcOffset(local))
            : null;
        var result = await interviews.InviteAsync(application, uscc, new Features.Interviews.InterviewInput(starts, minutes, link), User.Identity!.Name!, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Interview is null)
        {
            Error = result.Errors.Values.First();
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMoveAsync(long id, [FromForm] long application, [FromForm] string? stage, [FromForm(Name = "refusal_reason")] string? refusalReason, CancellationToken cancellationToken)
    {
        if (await db.Postings.AsNoTracking().Where(p => p.Id == id).Select(p => p.Uscc).FirstOrDefaultAsync(cancellationToken) is not { } uscc
            || !User.MayFor(Permissions.WorkApplications, uscc))
        {
            return NotFound();
        }

        var to = Features.Seekers.Seekers.ParseSnake<ApplicationStage>(stage);
        var reason = refusalReason is { Length: > 0 } ? Features.Seekers.Seekers.ParseSnake<RefusalReason>(refusalReason) : RefusalReason.None;
        var result = to is null || reason is null
            ? ApplicationResult.Failed("Stage", "Application.Error.Stage")
            : await applications.MoveAsync(application, uscc, to.Value, reason.Value, User.Identity!.Name!, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Application is null)
        {
            Error = result.Errors.Values.First();
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await db.Postings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } posting
            || !User.MayFor(Permissions.WorkApplications, posting.Uscc)
            || await applications.PipelineAsync(id, posting.Uscc, cancellationToken) is not { } applicants)
        {
            return false;
        }

        Posting = posting;
        Applicants = applicants;
        Interviews = (await interviews.OfApplicationsAsync([.. applicants.Select(a => a.Id)], cancellationToken)).ToLookup(i => i.ApplicationId);
        return true;
    }
}
