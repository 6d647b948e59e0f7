using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using nietras.SeparatedValues;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Payments.Features.Agencies;
using Wenjiu.Payments.Localization;

namespace Wenjiu.Payments.Areas.Payments.Pages.Placements;

/// <summary>
/// An HR agency's own page: register (licence number), record placements one by one or by CSV upload (a report per
/// line), and see the confirmed count, the next tier and why each placement is not (yet) confirmed.
/// </summary>
internal sealed class IndexModel(AgencySubsidies subsidies, IStringLocalizer<PaymentsText> text) : PageModel
{
    internal AgencyProgress? Progress { get; private set; }

    internal IReadOnlyList<PlacementOutcome> Report { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.EmployerUscc() is not { Length: > 0 })
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(string? name, string? licence, CancellationToken cancellationToken)
    {
        if (User.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return NotFound();
        }

        ModelState.Clear();
        var (_, error) = await subsidies.RegisterAsync(uscc, name, licence, User.Identity?.Name ?? "?", cancellationToken);
        if (error is not null)
        {
            ModelState.AddModelError(error == "name_required" ? "Agency.Name" : "Agency.Licence", text[$"Agency.Error.{error}"]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecordAsync(string? idNumber, string? employerUscc, string? placedOn, CancellationToken cancellationToken) =>
        await RecordAsync([new PlacementInput(idNumber, employerUscc, placedOn)], cancellationToken);

    /// <summary>A CSV file <c>id_number,employer_uscc,placed_on</c> (a header, UTF-8): every line recorded or refused on its own.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > 5_000_000)
        {
            ModelState.Clear();
            ModelState.AddModelError("Upload.File", text["Placement.Error.file"]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        // RFC 4180 with a header naming the columns, in any order (as the bureau's other files): a quoted cell or a
        // byte-order mark is read as such. A file without the three columns is refused whole.
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        using var text8 = new StreamReader(buffer, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var inputs = new List<PlacementInput>();
        using (var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text8))
        {
            if (!reader.Header.TryIndexOf(PlacementColumns.IdNumber, out var idColumn)
                || !reader.Header.TryIndexOf(PlacementColumns.EmployerUscc, out var usccColumn)
                || !reader.Header.TryIndexOf(PlacementColumns.PlacedOn, out var dateColumn))
            {
                ModelState.Clear();
                ModelState.AddModelError("Upload.File", text["Placement.Error.file"]);
                await LoadAsync(cancellationToken);
                return Page();
            }

            foreach (var row in reader)
            {
                if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
                {
                    continue;
                }

                inputs.Add(new PlacementInput(
                    idColumn < row.ColCount ? row[idColumn].ToString().Trim() : null,
                    usccColumn < row.ColCount ? row[usccColumn].ToString().Trim() : null,
                    dateColumn < row.ColCount ? row[dateColumn].ToString().Trim() : null));
            }
        }

        return await RecordAsync(inputs, cancellationToken);
    }

    private async Task<IActionResult> RecordAsync(List<PlacementInput> inputs, CancellationToken cancellationToken)
    {
        if (User.EmployerUscc() is not { Length: > 0 } uscc || await subsidies.FindAsync(uscc, cancellationToken) is not { } agency)
        {
            return NotFound();
        }

        ModelState.Clear();
        Report = await subsidies.RecordAsync(agency, inputs, User.Identity?.Name ?? "?", null, cancellationToken);
        if (inputs.Count == 1 && Report[0].Error is { } error)
        {
            ModelState.AddModelError($"Placement.{Report[0].Field}", text[$"Placement.Error.{error}"]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Progress = await subsidies.ProgressAsync(User.EmployerUscc()!, User.Identity?.Name ?? "?", cancellationToken);
}

/// <summary>The placements file's columns (docs/modules/payments.md), named in its header in any order.</summary>
internal static class PlacementColumns
{
    public const string IdNumber = "id_number";
    public const string EmployerUscc = "employer_uscc";
    public const string PlacedOn = "placed_on";
}
