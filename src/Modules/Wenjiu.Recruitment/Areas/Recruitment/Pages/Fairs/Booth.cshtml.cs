using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Fairs;

/// <summary>A booth's live queue for its employer: the seeker called in and those waiting, in order; "call next" finishes with the one called.</summary>
internal sealed class BoothModel(Features.Fairs.Fairs fairs, Features.Seekers.Seekers seekers) : PageModel
{
    internal Booth Booth { get; private set; } = null!;

    internal Fair Fair { get; private set; } = null!;

    internal IReadOnlyList<(QueueEntry Entry, Features.Seekers.SeekerView? Seeker)> Queue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNextAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await fairs.CallNextAsync(id, cancellationToken);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await fairs.BoothAsync(id, cancellationToken) is not { } booth || !User.MayFor(Permissions.ExhibitAtFairs, booth.Uscc)
            || await fairs.FindAsync(booth.FairId, cancellationToken) is not { } fair)
        {
            return false;
        }

        Booth = booth;
        Fair = fair;
        var queue = new List<(QueueEntry, Features.Seekers.SeekerView?)>();
        foreach (var entry in await fairs.QueueAsync(id, cancellationToken))
        {
            queue.Add((entry, await seekers.ViewAsync(entry.SeekerId, User, cancellationToken)));
        }

        Queue = queue;
        return true;
    }
}
