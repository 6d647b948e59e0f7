using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Seekers;

/// <summary>
/// The signed-in job seeker's own profile (issue 10 §2): before registration the form registers them (the identity
/// number goes to the registry's person records, as <c>POST /api/v1/seekers/me</c>); after it, the same fields change
/// the profile (<c>PUT /api/v1/seekers/me</c>), and a switch says whether employers may be recommended them. The seeker
/// sees their own phone number in clear (it is theirs; not audited).
/// </summary>
internal sealed class ProfileModel(Features.Seekers.Seekers seekers, IStringLocalizer<RecruitmentText> text) : PageModel
{
    private static readonly HashSet<string> Fields = new(
        ["IdNumber", nameof(ProfileForm.Name), nameof(ProfileForm.Phone), nameof(ProfileForm.Kind), nameof(ProfileForm.District), nameof(ProfileForm.Education),
            nameof(ProfileForm.GraduationYear), nameof(ProfileForm.WantedOccupations), nameof(ProfileForm.Skills), nameof(ProfileForm.PayMin)],
        StringComparer.Ordinal);

    [BindProperty]
    public ProfileForm Form { get; set; } = new();

    /// <summary>The seeker as they see themself; null before registration.</summary>
    public SeekerView? Me { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is { } seeker)
        {
            Me = await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken);
            Form = ProfileForm.From(Me);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userName = User.Identity!.Name!;
        SeekerResult<Seeker> result;
        if (await seekers.OfUserAsync(userName, cancellationToken) is { } seeker)
        {
            result = await seekers.UpdateProfileAsync(seeker, Form.ToInput(), cancellationToken);
            Me = await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken);
        }
        else
        {
            result = await seekers.RegisterAsync(Form.IdNumber, Form.ToInput(), userName, userName, cancellationToken);
        }

        if (result.Value is null)
        {
            RecruitmentForms.CopyErrors(result.Errors, ModelState, text, nameof(Form), Fields);
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }

    /// <summary>The recommendations switch on its own form: one button, no other field changes.</summary>
    public async Task<IActionResult> OnPostRecommendationsAsync(bool open, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(User.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return NotFound();
        }

        await seekers.SetOpenToRecommendationsAsync(seeker, open, cancellationToken);
        return RedirectToPage(new { saved = true });
    }

    public sealed class ProfileForm
    {
        /// <summary>Asked at registration only: the person records keep it, the seeker the person number.</summary>
        public string? IdNumber { get; set; }

        public string? Name { get; set; }

        public string? Phone { get; set; }

        public string? Kind { get; set; }

        public string? District { get; set; }

        public string? Education { get; set; }

        public string? School { get; set; }

        public string? Major { get; set; }

        public string? GraduationYear { get; set; }

        public string? OriginCounty { get; set; }

        public List<string> Skills { get; set; } = [];

        public List<string> WantedOccupations { get; set; } = [];

        public string? PayMin { get; set; }

        internal static ProfileForm From(SeekerView v) => new()
        {
            Name = v.Name, Phone = v.Phone, Kind = Features.Seekers.Seekers.Code(v.Kind), District = v.District, Education = Features.Seekers.Seekers.Code(v.Education),
            School = v.School, Major = v.Major, GraduationYear = v.GraduationYear?.ToString(System.Globalization.CultureInfo.InvariantCulture), OriginCounty = v.OriginCounty,
            Skills = [.. v.Skills], WantedOccupations = [.. v.WantedOccupations], PayMin = RecruitmentForms.Text(v.PayMin),
        };

        /// <summary>The recommendations switch is not on this form (null keeps it as it is).</summary>
        internal SeekerProfileInput ToInput() => new(
            Name, Phone, Kind, District, Education, School, Major, RecruitmentForms.Whole(GraduationYear), OriginCounty,
            [.. Skills.Where(s => s.Length > 0)], [.. WantedOccupations.Where(o => o.Length > 0)], RecruitmentForms.Money(PayMin), null);
    }
}
