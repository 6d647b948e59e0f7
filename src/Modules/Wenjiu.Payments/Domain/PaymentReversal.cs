namespace Wenjiu.Payments.Domain;

/// <summary>A payment reversed (returned by the bank, paid in error): a new, audited entry; the payment itself is never edited.</summary>
internal sealed class PaymentReversal
{
    public long Id { get; set; }

    /// <summary>Unique: a payment is reversed at most once.</summary>
    public long PaymentId { get; set; }

    public string Reason { get; set; } = "";

    public string ReversedBy { get; set; } = "";

    public DateTimeOffset ReversedAt { get; set; }
}
