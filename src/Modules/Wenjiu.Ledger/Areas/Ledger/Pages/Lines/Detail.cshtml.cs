using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.Confirmations;
using Wenjiu.Ledger.Features.Lines;
using Wenjiu.Ledger.Localization;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Ledger.Areas.Ledger.Pages.Lines;

/// <summary>One line: its fields, funnel, first contact and history; the enterprise confirms or closes it, the specialist records first contact, the lead reassigns it.</summary>
internal sealed class DetailModel(
    LineQueries queries, DemandLines lines, WeeklyConfirmations confirmations, Specialists specialists, IAuthorizationService authorization, IStringLocalizer<LedgerText> text,
    Wenjiu.Recruitment.Contracts.ILineCandidates candidates) : PageModel
{
    internal LineView View { get; private set; } = null!;

    internal IReadOnlyList<LineEvent> History { get; private set; } = [];

    internal IReadOnlyList<string> SpecialistNames { get; private set; } = [];

    /// <summary>Recruitment's best candidates for an open line, names masked (staff who may see candidates only).</summary>
    internal IReadOnlyList<Wenjiu.Recruitment.Contracts.LineCandidate>? Candidates { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, Permissions.ViewDemandLines, cancellationToken))
        {
            return NotFound();
        }

        if (User.MayEverywhere(Permissions.ViewCandidates) && View.Line.Status == Wenjiu.Ledger.Contracts.DemandLineStatus.Open)
        {
            Candidates = await candidates.ForLineAsync(id, 10, cancellationToken) ?? [];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, Permissions.EditDemandLines, cancellationToken))
        {
            return NotFound();
        }

        await confirmations.ConfirmAsync((await queries.FindAsync(id, cancellationToken))!, User.Identity?.Name ?? "?", cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, Permissions.EditDemandLines, cancellationToken))
        {
            return NotFound();
        }

        await lines.CloseAsync((await queries.FindAsync(id, cancellationToken))!, User.Identity?.Name ?? "?", reason, cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostFirstContactAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, Permissions.WorkDemandLines, cancellationToken))
        {
            return NotFound();
        }

        await lines.RecordFirstContactAsync((await queries.FindAsync(id, cancellationToken))!, User.Identity?.Name ?? "?", cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReassignAsync(long id, string? specialist, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, Permissions.LeadSpecialists, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await lines.ReassignAsync((await queries.FindAsync(id, cancellationToken))!, specialist, reason, User.Identity?.Name ?? "?", cancellationToken);
        if (!outcome.Errors.IsEmpty)
        {
            LedgerPages.CopyErrors(outcome.Errors, ModelState, text, "Reassign");
            return Page();
        }

        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, string action, CancellationToken cancellationToken)
    {
        if (await queries.ViewAsync(id, cancellationToken) is not { } view || !await authorization.ActsForAsync(User, action, view.Line.Uscc))
        {
            return false;
        }

        View = view;
        History = await queries.HistoryAsync(id, cancellationToken);
        if (User.MayEverywhere(Permissions.LeadSpecialists))
        {
            SpecialistNames = [.. (await specialists.ListAsync(cancellationToken)).Select(s => s.Specialist.UserName)];
        }

        return true;
    }
}
