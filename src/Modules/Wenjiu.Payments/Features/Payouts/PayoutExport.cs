using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;

namespace Wenjiu.Payments.Features.Payouts;

/// <summary>What an export did: the new batch (null when there was nothing to export) and the payments held back for want of an account.</summary>
internal sealed record PayoutExportResult(PayoutBatch? Batch, int WaitingForAccount)
{
    /// <summary>The batch was written earlier under the same idempotency key.</summary>
    public bool Repeated { get; init; }
}

/// <summary>
/// The bank file (issue 9 §7; ADR 0016). One export claims every approved payment not yet exported, not reversed and
/// with an account, for one new numbered batch, writes the file and stores its bytes — all in one transaction: a
/// payment is in at most one batch however the export is retried, concurrently or after a crash (a crash before the
/// commit leaves every claim undone). On PostgreSQL a transaction-scoped advisory lock makes exports take turns (the
/// batch numbers stay gap-free), and the claim's <c>WHERE batch_number IS NULL</c> is re-checked by the UPDATE itself;
/// SQLite has one writer at a time.
/// </summary>
internal sealed class PayoutExport(PaymentsDbContext db, PersonalDataProtector protector, IAuditLog audit, TimeProvider clock)
{
    public const string AuditAction = "payments.batch.export";
    public const string ReprintAuditAction = "payments.batch.reprint";
    private const long ExportLockKey = 0x5041_594F_5554; // "PAYOUT"

    /// <summary>The bank file's columns, in order (docs/modules/payments.md).</summary>
    public const string Header = "reference,payee_uscc,payee_name,account,amount,purpose";

    /// <summary>For tests only: runs after the claim and before the commit, to show a crash there leaves nothing half-exported.</summary>
    internal Func<CancellationToken, Task>? AfterClaim { get; set; }

    /// <param name="idempotencyKey">An API client's key: when a batch was already written under it, that batch is the answer.</param>
    public async Task<PayoutExportResult> ExportAsync(string by, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ExportLockKey})", cancellationToken);
        }

        if (idempotencyKey is not null && await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new PayoutExportResult(earlier, 0) { Repeated = true };
        }

        var number = (await db.Batches.MaxAsync(b => (int?)b.Number, cancellationToken) ?? 0) + 1;
        var now = clock.GetUtcNow();
        var claimed = await db.Payments
            .Where(p => p.BatchNumber == null && p.BankAccount != null && !db.Reversals.Any(r => r.PaymentId == p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.BatchNumber, number).SetProperty(p => p.ExportedAt, now), cancellationToken);
        var waiting = await db.Payments.CountAsync(p => p.BatchNumber == null && p.BankAccount == null && !db.Reversals.Any(r => r.PaymentId == p.Id), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new PayoutExportResult(null, waiting);
        }

        if (AfterClaim is { } afterClaim)
        {
            await afterClaim(cancellationToken);
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.BatchNumber == number).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var content = Write(payments);
        var batch = new PayoutBatch
        {
            Number = number,
            Payments = payments.Count,
            Total = payments.Sum(p => p.Amount),
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            CreatedBy = by,
            CreatedAt = now,
            IdempotencyKey = idempotencyKey,
        };
        db.Batches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(by, AuditAction, $"batch {number}", string.Create(CultureInfo.InvariantCulture, $"{{\"payments\":{batch.Payments},\"total\":\"{batch.Total:0.00}\",\"sha256\":\"{batch.Sha256}\"}}"), CancellationToken.None);
        return new PayoutExportResult(batch, waiting);
    }

    /// <summary>Batch <paramref name="number"/> as it was written (its stored bytes), audited: the file holds account numbers in clear.</summary>
    public async Task<PayoutBatch?> FindAsync(int number, string by, CancellationToken cancellationToken = default)
    {
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.Number == number, cancellationToken);
        if (batch is not null)
        {
            await audit.RecordAsync(by, ReprintAuditAction, $"batch {number}", null, cancellationToken);
        }

        return batch;
    }

    /// <summary>UTF-8 without a byte-order mark, LF line ends, a header, one line per payment in id order; fields quoted when they need it.</summary>
    private byte[] Write(IReadOnlyList<Payment> payments)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var p in payments)
        {
            text.Append(Field(p.Reference)).Append(',')
                .Append(Field(p.PayeeUscc)).Append(',')
                .Append(Field(p.PayeeName)).Append(',')
                .Append(Field(protector.Decrypt(p.BankAccount!))).Append(',')
                .Append(p.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(p.PurposeZh)).Append('\n');
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
