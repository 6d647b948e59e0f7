using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Recruitment.Localization;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Seekers;

/// <summary>The employers (and HR agencies) the signed-in seeker lets see their name, phone and resume without an application: give by credit code, withdraw each.</summary>
internal sealed class ConsentsModel(Features.Seekers.Seekers seekers, IEmployerDirectory directory, IStringLocalizer<RecruitmentText> text) : PageModel
{
    public sealed record Row(string Uscc, string? Name);

    [BindProperty]
    public string? Uscc { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : RedirectToPage("Profile");

    public async Task<IActionResult> OnPostGiveAsync(CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return RedirectToPage("Profile");
        }

        var uscc = Uscc?.Trim().ToUpperInvariant() ?? "";
        if (!await seekers.ConsentAsync(seeker, uscc, cancellationToken))
        {
            ModelState.AddModelError(nameof(Uscc), text["Seeker.Error.Uscc"].Value);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string uscc, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return NotFound();
        }

        await seekers.RevokeConsentAsync(seeker, uscc, cancellationToken);
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return false;
        }

        var rows = new List<Row>();
        foreach (var uscc in (await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken)).ConsentedEmployers)
        {
            rows.Add(new Row(uscc, await directory.NameAsync(uscc, cancellationToken)));
        }

        Rows = rows;
        return true;
    }
}
