using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Fairs;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Fairs;

/// <summary>
/// One fair: live statistics, the urgent-hiring column and the other booths; a seeker takes or gives up a number at a
/// booth; an enterprise registers its booth with its open postings and goes to its queue. Forms work without JavaScript.
/// </summary>
internal sealed class DetailModel(Features.Fairs.Fairs fairs, Features.Seekers.Seekers seekers, RecruitmentDbContext db, TimeProvider clock) : PageModel
{
    internal FairView View { get; private set; } = null!;

    internal IReadOnlyList<Posting> OwnPostings { get; private set; } = [];

    internal Booth? OwnBooth { get; private set; }

    internal string? Error { get; private set; }

    internal bool IsOpen => clock.GetUtcNow() >= View.Fair.StartsAt && clock.GetUtcNow() <= View.Fair.EndsAt;

    internal bool RegistrationOpen => clock.GetUtcNow() <= View.Fair.RegistrationClosesAt;

    internal bool IsSeeker { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostJoinAsync(long id, long boothId, CancellationToken cancellationToken)
    {
        var seeker = await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken);
        var booth = await fairs.BoothAsync(boothId, cancellationToken);
        if (!User.May(Permissions.SeekWork) || seeker is null || booth is null || booth.FairId != id)
        {
            return NotFound();
        }

        var result = await fairs.JoinQueueAsync(boothId, seeker.Id, cancellationToken);
        if (result.Value is null)
        {
            return await PageWithErrorAsync(id, result.Errors.Values.First(), cancellationToken);
        }

        await seekers.ConsentAsync(seeker, booth.Uscc, cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLeaveAsync(long id, long boothId, CancellationToken cancellationToken)
    {
        var seeker = await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken);
        if (!User.May(Permissions.SeekWork) || seeker is null)
        {
            return NotFound();
        }

        await fairs.LeaveAsync(boothId, seeker.Id, cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostBoothAsync(long id, long[] postingIds, CancellationToken cancellationToken)
    {
        if (User.EmployerUscc() is not { Length: > 0 } uscc || !User.MayFor(Permissions.ExhibitAtFairs, uscc))
        {
            return Forbid();
        }

        var result = await fairs.RegisterBoothAsync(id, uscc, postingIds, User.Identity!.Name!, cancellationToken);
        return result.Value is { } booth ? RedirectToPage("Booth", new { id = booth.Id }) : await PageWithErrorAsync(id, result.Errors.Values.First(), cancellationToken);
    }

    private async Task<IActionResult> PageWithErrorAsync(long id, string error, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = error;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        IsSeeker = User.IsInRole(Roles.JobSeeker);
        var seeker = IsSeeker ? await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) : null;
        if (await fairs.ViewAsync(id, seeker?.Id, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        if (User.EmployerUscc() is { Length: > 0 } uscc && User.MayFor(Permissions.ExhibitAtFairs, uscc))
        {
            OwnPostings = await db.Postings.AsNoTracking().Where(p => p.Uscc == uscc && p.Status == PostingStatus.Open).OrderByDescending(p => p.Id).Take(50).ToListAsync(cancellationToken);
            OwnBooth = view.Urgent.Concat(view.Others).Select(b => b.Booth).FirstOrDefault(b => b.Uscc == uscc);
        }

        return true;
    }
}
