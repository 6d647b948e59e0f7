using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;

namespace Wenjiu.Payments.Features.Payouts;

/// <summary>What an approved request pays: the source is the request (kind + id), unique, so it pays at most once.</summary>
internal sealed record PaymentOrder(
    string SourceKind, string SourceId, string Reference, string PayeeUscc, string PayeeName, decimal Amount, string Purpose, string PurposeZh, string PurposeEn);

/// <summary>
/// Turns approved requests into payments, exactly once per request: the (kind, id) unique index is the guarantee, the
/// look-up before the insert only saves a failed insert in the common case. A retried or redelivered approval, and two
/// approvals racing, all end with the one payment. The payee's bank account on file is copied (encrypted) when known.
/// </summary>
internal sealed class PaymentOrders(PaymentsDbContext db, IAuditLog audit, TimeProvider clock)
{
    public const string AuditAction = "payments.payment.approve";
    public const string ReverseAuditAction = "payments.payment.reverse";
    public const string AccountAuditAction = "payments.account.record";

    /// <summary>The payment for the order's request, created now or earlier; <c>Created</c> says which.</summary>
    public async Task<(Payment Payment, bool Created)> ApproveAsync(PaymentOrder order, string approvedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (await FindAsync(order.SourceKind, order.SourceId, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        var account = await db.PayeeAccounts.AsNoTracking().Where(a => a.Uscc == order.PayeeUscc).Select(a => a.Account).FirstOrDefaultAsync(cancellationToken);
        var payment = new Payment
        {
            Reference = order.Reference,
            PayeeUscc = order.PayeeUscc,
            PayeeName = order.PayeeName,
            BankAccount = account,
            Amount = Math.Round(order.Amount, 2, MidpointRounding.AwayFromZero),
            Purpose = order.Purpose,
            PurposeZh = order.PurposeZh,
            PurposeEn = order.PurposeEn,
            SourceKind = order.SourceKind,
            SourceId = order.SourceId,
            ApprovedBy = approvedBy,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another approval of the same request won the race: the unique index refused this one; theirs stands.
            db.Entry(payment).State = EntityState.Detached;
            return (await FindAsync(order.SourceKind, order.SourceId, cancellationToken)
                ?? throw new InvalidOperationException($"Payment for {order.SourceKind} {order.SourceId} refused and not found."), false);
        }

        await audit.RecordAsync(approvedBy, AuditAction, $"payment {payment.Reference}", $"{{\"source\":\"{order.SourceKind}:{order.SourceId}\",\"amount\":\"{payment.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}\"}}", cancellationToken);
        return (payment, true);
    }

    public Task<Payment?> FindAsync(string sourceKind, string sourceId, CancellationToken cancellationToken = default) =>
        db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.SourceKind == sourceKind && p.SourceId == sourceId, cancellationToken);

    /// <summary>
    /// Records a payee's bank account (encrypted) and gives it to its payments still waiting for one (not yet exported):
    /// those were approved before the account was known, and the bank file cannot be written without it.
    /// </summary>
    public async Task RecordAccountAsync(string uscc, string holderName, string account, string by, PersonalDataProtector protector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var cipher = protector.Encrypt(account.Trim());
        var row = await db.PayeeAccounts.FirstOrDefaultAsync(a => a.Uscc == uscc, cancellationToken);
        if (row is null)
        {
            row = new PayeeAccount { Uscc = uscc };
            db.PayeeAccounts.Add(row);
        }

        row.HolderName = holderName.Trim();
        row.Account = cipher;
        row.RecordedBy = by;
        row.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await db.Payments.Where(p => p.PayeeUscc == uscc && p.BankAccount == null && p.BatchNumber == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.BankAccount, cipher), cancellationToken);
        await audit.RecordAsync(by, AccountAuditAction, $"payee {uscc}", null, cancellationToken);
    }

    /// <summary>Reverses a payment with a new entry (audited); the payment row is not touched. False when it is unknown or already reversed.</summary>
    public async Task<bool> ReverseAsync(string reference, string reason, string by, CancellationToken cancellationToken = default)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Reference == reference, cancellationToken);
        if (payment is null || await db.Reversals.AnyAsync(r => r.PaymentId == payment.Id, cancellationToken))
        {
            return false;
        }

        db.Reversals.Add(new PaymentReversal { PaymentId = payment.Id, Reason = reason.Trim(), ReversedBy = by, ReversedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false;
        }

        await audit.RecordAsync(by, ReverseAuditAction, $"payment {reference}", System.Text.Json.JsonSerializer.Serialize(new { reason }), cancellationToken);
        return true;
    }
}
