using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

        using var reader = new StreamReader(file.OpenReadStream());
        var inputs = new List<PlacementInput>();
        // Three plain columns (numbers, codes, dates): no quoting to undo. The header is skipped.
        var first = true;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (first)
            {
                first = false;
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            inputs.Add(new PlacementInput(cells.ElementAtOrDefault(0), cells.ElementAtOrDefault(1), cells.ElementAtOrDefault(2)));
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
