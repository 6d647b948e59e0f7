using Microsoft.EntityFrameworkCore;
using Wenjiu.Payments.Contracts;
using Wenjiu.Payments.Data;

namespace Wenjiu.Payments.Features.Payouts;

/// <summary>One payee's payments as its own users see them (the enterprise's one place for requests and payments): no account.</summary>
internal sealed class EmployerPaymentsForModules(PaymentsDbContext db) : IEmployerPayments
{
    public async Task<IReadOnlyList<EmployerPayment>> ForPayeeAsync(string uscc, CancellationToken cancellationToken = default)
    {
        var rows = await db.Payments.AsNoTracking().Where(p => p.PayeeUscc == uscc)
            .Select(p => new { p.Reference, p.PurposeZh, p.PurposeEn, p.Amount, p.CreatedAt, p.BatchNumber, p.Id, Reversed = db.Reversals.Any(r => r.PaymentId == p.Id) })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new EmployerPayment(
                r.Reference, r.PurposeZh, r.PurposeEn, r.Amount,
                r.Reversed ? PaymentStatus.Reversed : r.BatchNumber is null ? PaymentStatus.Approved : PaymentStatus.Exported,
                r.CreatedAt, r.BatchNumber))
            .ToList();
    }
}
