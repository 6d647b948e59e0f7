using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Seekers;

/// <summary>The signed-in seeker's structured resume: its lines, a form to add one and a button to remove each (the use case of <c>/api/v1/seekers/me/resume</c>).</summary>
internal sealed class ResumeModel(Features.Seekers.Seekers seekers, IStringLocalizer<RecruitmentText> text) : PageModel
{
    private static readonly HashSet<string> Fields = new(
        [nameof(EntryForm.Kind), nameof(EntryForm.Organisation), nameof(EntryForm.Title), nameof(EntryForm.To), nameof(EntryForm.Occupation), nameof(EntryForm.Description)],
        StringComparer.Ordinal);

    [BindProperty]
    public EntryForm Entry { get; set; } = new();

    public IReadOnlyList<ResumeEntry> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return RedirectToPage("Profile");
        }

        Lines = (await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken)).Resume;
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return RedirectToPage("Profile");
        }

        var result = await seekers.SaveEntryAsync(seeker, null, Entry.ToInput(), cancellationToken);
        if (result.Value is null)
        {
            RecruitmentForms.CopyErrors(result.Errors, ModelState, text, nameof(Entry), Fields);
            Lines = (await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken)).Resume;
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long entry, CancellationToken cancellationToken) =>
        await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is { } seeker && await seekers.RemoveEntryAsync(seeker, entry, cancellationToken)
            ? RedirectToPage()
            : NotFound();

    public sealed class EntryForm
    {
        public string? Kind { get; set; } = "work";

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public string? Organisation { get; set; }

        public string? Title { get; set; }

        public string? Occupation { get; set; }

        public string? Description { get; set; }

        internal ResumeEntryInput ToInput() => new(Kind, From, To, Organisation, Title, Occupation, Description);
    }
}
