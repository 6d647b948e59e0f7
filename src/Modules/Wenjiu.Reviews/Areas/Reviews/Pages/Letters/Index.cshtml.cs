using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Documents;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Time;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Domain;
using Wenjiu.Reviews.Features.Queue;
using Wenjiu.Reviews.Localization;

namespace Wenjiu.Reviews.Areas.Reviews.Pages.Letters;

/// <summary>
/// The decision letter (决定书), printable and as PDF: the decision, the reasons chosen quoted in full, who decided and
/// when. For reviewers and for the applicant's own users; anyone else, and an undecided task, answer 404.
/// </summary>
internal sealed class IndexModel(ReviewQueries queries, IEmployerDirectory employers, IStringLocalizer<ReviewsText> text) : PageModel
{
    internal TaskView? View { get; private set; }

    internal IReadOnlyList<ReviewReason> Chosen { get; private set; } = [];

    public string? EmployerName { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The same letter as a PDF (the platform's <see cref="PdfReport"/>, with its Chinese font), for filing or sending on.</summary>
    public async Task<IActionResult> OnGetPdfAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var t = View!.Task;
        var approved = t.Status == ReviewStatus.Approved;
        using var pdf = new PdfReport(text["Letter.Title"], $"{text["Letter.Number", t.Id]} · {text["Letter.Bureau"]}");
        pdf.Heading(approved ? text["Letter.ApprovedTitle"] : text["Letter.RefusedTitle"]);
        pdf.Paragraph(text["Letter.Number", t.Id]);
        pdf.Paragraph($"{EmployerName} ({t.Uscc})");
        pdf.Paragraph(approved ? text["Letter.ApprovedBody", ReviewsDisplay.Title(t)] : text["Letter.RefusedBody", ReviewsDisplay.Title(t)]);
        if (View.Deferral is { } d && approved)
        {
            pdf.Paragraph(text["Letter.Deferral", d.FirstMonth, d.LastMonth, d.LastMonth.AddMonths(1)]);
        }

        for (var i = 0; i < Chosen.Count; i++)
        {
            pdf.Paragraph($"{i + 1}. “{ReviewsDisplay.Reason(Chosen[i])}”");
        }

        if (t.Note.Length > 0)
        {
            pdf.Paragraph(text["Letter.Note", t.Note]);
        }

        if (!approved)
        {
            pdf.Paragraph(text["Letter.Appeal"]);
        }

        pdf.Paragraph(text["Letter.DecidedBy", t.DecidedBy ?? "", BeijingTime.Format(t.DecidedAt)] + (t.SecondReviewer is { } second ? $" · {text["Letter.SecondReviewer", second]}" : ""));
        using var output = new MemoryStream();
        pdf.Save(output);
        return File(output.ToArray(), "application/pdf", $"letter-R{t.Id}.pdf");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        View = await queries.FindAsync(id, cancellationToken);
        if (View is not { Task: { IsDecided: true } task } || task.Status == ReviewStatus.Withdrawn
            || !(User.MayEverywhere(Permissions.ReviewTasks) || (task.Uscc is { } uscc && User.MayFor(Permissions.ApplyForReview, uscc))))
        {
            return false;
        }

        var codes = task.ReasonCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Chosen = ReviewQueue.ReasonsOf(task).Where(r => codes.Contains(r.Code, StringComparer.Ordinal)).ToList();
        EmployerName = task.Uscc is { } code ? await employers.NameAsync(code, cancellationToken) : null;
        return true;
    }
}
