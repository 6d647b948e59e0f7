using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.Lines;
using Wenjiu.Ledger.Localization;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Ledger.Areas.Ledger.Pages.Lines;

/// <summary>Adds a demand line (an enterprise for itself; a specialist for the employer it names) or changes one.</summary>
internal sealed class EditModel(LineQueries queries, DemandLines lines, IAuthorizationService authorization, IStringLocalizer<LedgerText> text) : PageModel
{
    [BindProperty]
    public LineForm Form { get; set; } = new();

    internal Line? Existing { get; private set; }

    internal bool ChoosesEmployer => Existing is null && User.MayEverywhere(Permissions.EditDemandLines);

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is { } lineId)
        {
            if (await queries.FindAsync(lineId, cancellationToken) is not { } line || !await authorization.ActsForAsync(User, Permissions.EditDemandLines, line.Uscc))
            {
                return NotFound();
            }

            Existing = line;
            Form = LineForm.From(line);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken)
    {
        LineOutcome outcome;
        if (id is { } lineId)
        {
            if (await queries.FindAsync(lineId, cancellationToken) is not { } line || !await authorization.ActsForAsync(User, Permissions.EditDemandLines, line.Uscc))
            {
                return NotFound();
            }

            Existing = line;
            outcome = await lines.UpdateAsync(line, Form.ToInput(), User.Identity?.Name ?? "?", cancellationToken);
        }
        else
        {
            var uscc = ChoosesEmployer ? Form.Uscc?.Trim().ToUpperInvariant() : User.EmployerUscc();
            if (string.IsNullOrEmpty(uscc) || !await authorization.ActsForAsync(User, Permissions.EditDemandLines, uscc))
            {
                var errors = new Platform.Web.FieldErrors();
                errors.Add("uscc", "required");
                LedgerPages.CopyErrors(errors, ModelState, text, "Form");
                return Page();
            }

            outcome = await lines.CreateAsync(uscc, Form.ToInput(), User.Identity?.Name ?? "?", null, cancellationToken);
        }

        if (!outcome.Succeeded)
        {
            LedgerPages.CopyErrors(outcome.Errors, ModelState, text, "Form");
            return Page();
        }

        return RedirectToPage("Detail", new { id = outcome.Line!.Id });
    }

    public sealed class LineForm
    {
        public string? Uscc { get; set; }

        public string? Occupation { get; set; }

        public string? TitleZh { get; set; }

        public string? TitleEn { get; set; }

        public string? Headcount { get; set; }

        public string? MustHaveSkills { get; set; }

        public string? NiceToHaveSkills { get; set; }

        public string? District { get; set; }

        public string? Site { get; set; }

        public string? PayMin { get; set; }

        public string? PayMax { get; set; }

        public string? StartOn { get; set; }

        public string? Shifts { get; set; }

        internal static LineForm From(Line l) => new()
        {
            Occupation = l.Occupation, TitleZh = l.TitleZh, TitleEn = l.TitleEn, Headcount = l.Headcount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MustHaveSkills = l.MustHaveSkills, NiceToHaveSkills = l.NiceToHaveSkills, District = l.District, Site = l.Site,
            PayMin = l.PayMin.ToString(System.Globalization.CultureInfo.InvariantCulture), PayMax = l.PayMax.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StartOn = l.StartOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Shifts = l.Shifts,
        };

        internal LineInput ToInput() => new(
            Occupation, TitleZh, TitleEn, Whole(Headcount), Codes(MustHaveSkills), Codes(NiceToHaveSkills), District, Site, Money(PayMin), Money(PayMax), StartOn, Shifts);

        private static List<string> Codes(string? text) => [.. (text ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        private static int? Whole(string? text) => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : string.IsNullOrWhiteSpace(text) ? null : -1;

        private static decimal? Money(string? text) => decimal.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : string.IsNullOrWhiteSpace(text) ? null : -1;
    }
}
