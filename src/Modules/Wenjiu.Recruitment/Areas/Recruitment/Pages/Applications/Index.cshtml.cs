using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Recruitment.Features.Applications;
using Wenjiu.Recruitment.Features.Seekers;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Applications;

/// <summary>The seeker's own applications, newest first, with the stage, a refusal's reason told politely, and a withdraw form per open one.</summary>
internal sealed class IndexModel(Features.Seekers.Seekers seekers, Features.Applications.Applications applications, Features.Interviews.Interviews interviews) : PageModel
{
    public IReadOnlyList<MyApplication> Mine { get; private set; } = [];

    public bool HasProfile { get; private set; }

    /// <summary>The interviews of the seeker's applications, by application.</summary>
    internal ILookup<long, Domain.Interview> Interviews { get; private set; } = Array.Empty<Domain.Interview>().ToLookup(i => i.ApplicationId);

    [BindProperty(SupportsGet = true, Name = "applied")]
    public long? Applied { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is { } seeker)
        {
            HasProfile = true;
            Mine = await applications.MineAsync(seeker, cancellationToken);
            Interviews = (await interviews.OfApplicationsAsync([.. Mine.Select(a => a.Id)], cancellationToken)).ToLookup(i => i.ApplicationId);
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker
            || (await applications.WithdrawAsync(seeker, id, cancellationToken)).NotFound)
        {
            return NotFound();
        }

        return RedirectToPage();
    }
}
