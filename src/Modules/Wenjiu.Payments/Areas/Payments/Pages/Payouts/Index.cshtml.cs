using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Payments.Localization;
using Wenjiu.Payments.Contracts;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Payouts;

namespace Wenjiu.Payments.Areas.Payments.Pages.Payouts;

/// <summary>Payments and bank-file batches for staff; administrators write the next batch, record accounts and reverse payments.</summary>
internal sealed class IndexModel(PaymentQueries queries, PayoutExport export, PaymentOrders orders, PersonalDataProtector protector, IStringLocalizer<PaymentsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Payee { get; set; }

    [TempData]
    public string? Notice { get; set; }

    internal IReadOnlyList<PaymentLine> Payments { get; private set; } = [];

    internal IReadOnlyList<PayoutBatch> Batches { get; private set; } = [];

    public int WaitingForAccount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Writes the next batch (or says there is nothing new); the file is downloaded from the batch's link.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await export.ExportAsync(User.Identity?.Name ?? "?", null, cancellationToken);
        Notice = result.Batch is { } b ? string.Create(CultureInfo.InvariantCulture, $"exported|{b.Number}|{b.Payments}") : "nothing|0|0";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAccountAsync(string? uscc, string? holder, string? account, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var code = uscc?.Trim().ToUpperInvariant() ?? "";
        var digits = account?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (code.Length != 18)
        {
            ModelState.AddModelError("Account.Uscc", text["Payouts.Error.Uscc"]);
        }

        if (string.IsNullOrWhiteSpace(holder))
        {
            ModelState.AddModelError("Account.Holder", text["Payouts.Error.Holder"]);
        }

        if (digits.Length is < 8 or > 34 || !digits.All(char.IsAsciiLetterOrDigit))
        {
            ModelState.AddModelError("Account.Number", text["Payouts.Error.Account"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await orders.RecordAccountAsync(code, holder!, digits, User.Identity?.Name ?? "?", protector, cancellationToken);
        Notice = $"account|{code}|0";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReverseAsync(string? reference, string? reason, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(reason) || reference is null)
        {
            ModelState.AddModelError($"Reverse.{reference}", text["Payouts.Error.Reason"]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        if (!await orders.ReverseAsync(reference, reason, User.Identity?.Name ?? "?", cancellationToken))
        {
            return NotFound();
        }

        Notice = $"reversed|{reference}|0";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PaymentStatus? only = Enum.TryParse<PaymentStatus>(Status, ignoreCase: true, out var s) ? s : null;
        Payments = await queries.PaymentsAsync(only, Payee, cancellationToken);
        Batches = await queries.BatchesAsync(cancellationToken);
        WaitingForAccount = await queries.WaitingForAccountAsync(cancellationToken);
    }
}
