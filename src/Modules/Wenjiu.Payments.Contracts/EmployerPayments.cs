namespace Wenjiu.Payments.Contracts;

public enum PaymentStatus
{
    /// <summary>Approved, waiting for the next bank file.</summary>
    Approved,

    /// <summary>Written to a numbered bank file.</summary>
    Exported,

    /// <summary>Reversed by a later, audited entry.</summary>
    Reversed,
}

/// <summary>A payment to an employer or agency as its own users see it (no bank account in clear).</summary>
/// <param name="Reference">The payment's unique reference, as it appears in the bank file.</param>
/// <param name="PurposeZh">What it pays for, zh-CN (e.g. 2019年度失业保险稳岗返还).</param>
/// <param name="PurposeEn">The same in English.</param>
/// <param name="Amount">Yuan, 2 decimals.</param>
/// <param name="Batch">The bank file's number once exported.</param>
public sealed record EmployerPayment(
    string Reference, string PurposeZh, string PurposeEn, decimal Amount, PaymentStatus Status, DateTimeOffset CreatedAt, int? Batch);

/// <summary>What the payments module tells others about one payee's payments (the enterprise's one place for requests and payments).</summary>
public interface IEmployerPayments
{
    Task<IReadOnlyList<EmployerPayment>> ForPayeeAsync(string uscc, CancellationToken cancellationToken = default);
}
