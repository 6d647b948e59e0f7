namespace Wenjiu.Payments.Domain;

/// <summary>
/// One numbered bank file as it was written: its bytes and their hash are kept, so <c>payouts export --batch N</c> writes
/// it again byte for byte whatever happened to the payments since.
/// </summary>
internal sealed class PayoutBatch
{
    /// <summary>1, 2, 3 … in the order the files were written.</summary>
    public int Number { get; set; }

    public int Payments { get; set; }

    public decimal Total { get; set; }

    public byte[] Content { get; set; } = [];

    /// <summary>SHA-256 of <see cref="Content"/>, hex.</summary>
    public string Sha256 { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    /// <summary>The API client's <c>Idempotency-Key</c>: a retried request returns this batch instead of asking for another.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
