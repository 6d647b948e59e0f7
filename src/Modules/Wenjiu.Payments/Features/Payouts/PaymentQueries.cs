using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Payments.Contracts;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;

namespace Wenjiu.Payments.Features.Payouts;

/// <summary>A payment as staff see it: the account masked (its last four digits), the status derived from the batch and any reversal.</summary>
internal sealed record PaymentLine(
    long Id, string Reference, string PayeeUscc, string PayeeName, string? MaskedAccount, decimal Amount, string PurposeZh, string PurposeEn,
    string SourceKind, string SourceId, PaymentStatus Status, int? Batch, DateTimeOffset CreatedAt, string? ReversalReason);

/// <summary>Payments and batches for the staff pages and the API.</summary>
internal sealed class PaymentQueries(PaymentsDbContext db, PersonalDataProtector protector)
{
    public const int PageSize = 200;

    /// <param name="status">Only payments in this status; every status when null.</param>
    public async Task<IReadOnlyList<PaymentLine>> PaymentsAsync(PaymentStatus? status, string? payee, CancellationToken cancellationToken = default)
    {
        var query = db.Payments.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(payee))
        {
            var uscc = payee.Trim().ToUpperInvariant();
            query = query.Where(p => p.PayeeUscc == uscc);
        }

        query = status switch
        {
            PaymentStatus.Approved => query.Where(p => p.BatchNumber == null && !db.Reversals.Any(r => r.PaymentId == p.Id)),
            PaymentStatus.Exported => query.Where(p => p.BatchNumber != null && !db.Reversals.Any(r => r.PaymentId == p.Id)),
            PaymentStatus.Reversed => query.Where(p => db.Reversals.Any(r => r.PaymentId == p.Id)),
            _ => query,
        };
        var rows = await query.OrderByDescending(p => p.Id).Take(PageSize)
            .Select(p => new { Payment = p, Reversal = db.Reversals.Where(r => r.PaymentId == p.Id).Select(r => r.Reason).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => Line(r.Payment, r.Reversal)).ToList();
    }

    public async Task<IReadOnlyList<PayoutBatch>> BatchesAsync(CancellationToken cancellationToken = default) =>
        await db.Batches.AsNoTracking().OrderByDescending(b => b.Number).Take(PageSize)
            .Select(b => new PayoutBatch { Number = b.Number, Payments = b.Payments, Total = b.Total, Sha256 = b.Sha256, CreatedBy = b.CreatedBy, CreatedAt = b.CreatedAt })
            .ToListAsync(cancellationToken);

    public Task<int> WaitingForAccountAsync(CancellationToken cancellationToken = default) =>
        db.Payments.CountAsync(p => p.BatchNumber == null && p.BankAccount == null && !db.Reversals.Any(r => r.PaymentId == p.Id), cancellationToken);

    private PaymentLine Line(Payment p, string? reversal) => new(
        p.Id, p.Reference, p.PayeeUscc, p.PayeeName, p.BankAccount is null ? null : MaskAccount(protector.Decrypt(p.BankAccount)), p.Amount, p.PurposeZh, p.PurposeEn,
        p.SourceKind, p.SourceId, reversal is not null ? PaymentStatus.Reversed : p.BatchNumber is null ? PaymentStatus.Approved : PaymentStatus.Exported,
        p.BatchNumber, p.CreatedAt, reversal);

    /// <summary>A bank account as the pages show it: only the last four digits (6222…1234 becomes ****1234).</summary>
    public static string MaskAccount(string account) =>
        account.Length > 4 ? string.Concat("****", account.AsSpan(account.Length - 4)) : "****";
}
