using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Postings;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Postings;

/// <summary>
/// An enterprise publishes an ordinary posting (no id) or changes its own (an id) through the same use case as
/// <c>POST/PUT /api/v1/jobs</c>. A plain form: its hidden idempotency key is drawn when the empty form is shown and kept
/// through a failed submission, so a double submit or a browser's resend publishes one posting.
/// </summary>
internal sealed class EditModel(Features.Postings.Postings postings, IStringLocalizer<RecruitmentText> text) : PageModel
{
    private static readonly HashSet<string> Fields = new(
        [nameof(PostingForm.TitleZh), nameof(PostingForm.TitleEn), nameof(PostingForm.Occupation), nameof(PostingForm.District), nameof(PostingForm.PayMin),
            nameof(PostingForm.Education), nameof(PostingForm.Skills)],
        StringComparer.Ordinal);

    [BindProperty]
    public PostingForm Form { get; set; } = new();

    [BindProperty(Name = "idempotency_key")]
    public string? IdempotencyKey { get; set; }

    public Posting? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is { } postingId)
        {
            if (await postings.OwnAsync(postingId, User, cancellationToken) is not { } posting)
            {
                return NotFound();
            }

            Existing = posting;
            Form = PostingForm.From(posting);
            return Page();
        }

        if (User.EmployerUscc() is not { Length: > 0 })
        {
            return NotFound();
        }

        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        PostingOutcome? outcome;
        if (id is { } postingId)
        {
            if (await postings.OwnAsync(postingId, User, cancellationToken) is not { } posting)
            {
                return NotFound();
            }

            Existing = posting;
            outcome = await postings.EditOwnAsync(posting, Form.ToInput(), cancellationToken);
        }
        else
        {
            outcome = User.EmployerUscc() is { Length: > 0 } uscc
                ? await postings.CreateOwnAsync(uscc, IdempotencyKey, Form.ToInput(), User.Identity!.Name!, cancellationToken)
                : null;
            if (outcome is null)
            {
                return NotFound();
            }
        }

        if (outcome.Posting is null)
        {
            RecruitmentForms.CopyErrors(outcome.Errors, ModelState, text, nameof(Form), Fields);
            if (string.IsNullOrEmpty(IdempotencyKey) && Existing is null)
            {
                IdempotencyKey = Guid.NewGuid().ToString("N");
            }

            return Page();
        }

        return RedirectToPage("Index", new { saved = outcome.Posting.Id });
    }

    public sealed class PostingForm
    {
        public string? TitleZh { get; set; }

        public string? TitleEn { get; set; }

        public string? Occupation { get; set; }

        public List<string> Skills { get; set; } = [];

        public string? District { get; set; }

        public string? PayMin { get; set; }

        public string? PayMax { get; set; }

        public string? Education { get; set; }

        public string? DescriptionZh { get; set; }

        public string? DescriptionEn { get; set; }

        internal static PostingForm From(Posting p) => new()
        {
            TitleZh = p.TitleZh, TitleEn = p.TitleEn, Occupation = p.Occupation, Skills = [.. p.Skills.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
            District = p.District, PayMin = RecruitmentForms.Text(p.PayMin), PayMax = RecruitmentForms.Text(p.PayMax),
            Education = Features.Seekers.Seekers.Code(p.Education), DescriptionZh = p.DescriptionZh, DescriptionEn = p.DescriptionEn,
        };

        internal PostingInput ToInput() => new(
            TitleZh, TitleEn, Occupation, District, RecruitmentForms.Money(PayMin), RecruitmentForms.Money(PayMax), Education,
            [.. Skills.Where(s => s.Length > 0)], DescriptionZh, DescriptionEn);
    }
}
