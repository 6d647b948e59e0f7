using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Features.Statements;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Areas.Relief.Pages.Statements;

/// <summary>One month of the statement with every person's lines and their traces, recomputed from the registry.</summary>
internal sealed class MonthModel(EmployerStatementHandler handler, IStringLocalizer<ReliefText> text, TimeProvider clock) : PageModel
{
    internal StatementMonth View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string uscc, string month, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (!YearMonth.TryParse(month, CultureInfo.InvariantCulture, out var contributionMonth))
        {
            return NotFound();
        }

        var view = await handler.MonthAsync((uscc ?? "").Trim().ToUpperInvariant(), contributionMonth, User, page ?? 1, EmployerStatementHandler.PersonsPerPage, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    /// <summary>The month as a PDF to print or keep: the bill and every person's lines, masked, in the reader's language.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string uscc, string month, CancellationToken cancellationToken)
    {
        var view = await AllPersonsAsync(uscc, month, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        using var buffer = new MemoryStream();
        StatementDocuments.WritePdf(view, text, clock.GetUtcNow(), buffer);
        return File(buffer.ToArray(), StatementDocuments.PdfContentType, StatementDocuments.FileName(view, "pdf"));
    }

    /// <summary>The month's lines as CSV: one row per person, insurance and party.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string uscc, string month, CancellationToken cancellationToken)
    {
        var view = await AllPersonsAsync(uscc, month, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        Response.ContentType = StatementDocuments.CsvContentType;
        Response.Headers.ContentDisposition = $"attachment; filename={StatementDocuments.FileName(view, "csv")}";
        await StatementDocuments.WriteCsvAsync(view, text, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    private async Task<StatementMonth?> AllPersonsAsync(string uscc, string month, CancellationToken cancellationToken) =>
        YearMonth.TryParse(month, CultureInfo.InvariantCulture, out var contributionMonth)
            ? await handler.MonthAsync((uscc ?? "").Trim().ToUpperInvariant(), contributionMonth, User, 1, EmployerStatementHandler.AllPersons, cancellationToken)
            : null;

    internal static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.###", CultureInfo.CurrentCulture) + "%" : "—";
}
