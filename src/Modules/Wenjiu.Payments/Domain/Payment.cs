namespace Wenjiu.Payments.Domain;

/// <summary>
/// An approved payment to an employer or agency (issue 9 §7). Created once per source request (kind + id unique), so
/// an approval delivered twice pays once; written to exactly one numbered bank file; never edited afterwards — a
/// reversal is a <see cref="PaymentReversal"/> of its own.
/// </summary>
internal sealed class Payment
{
    public long Id { get; set; }

    /// <summary>Unique, as it appears in the bank file, derived from the source (e.g. <c>RF2019-91110108MA01AB3C2D</c>).</summary>
    public string Reference { get; set; } = "";

    public string PayeeUscc { get; set; } = "";

    public string PayeeName { get; set; } = "";

    /// <summary>The payee's bank account, encrypted with the platform's personal-data key; null while none is on file.</summary>
    public byte[]? BankAccount { get; set; }

    /// <summary>Yuan, 2 decimals.</summary>
    public decimal Amount { get; set; }

    /// <summary>What it pays for: <c>refund</c>, <c>distressed_refund</c>, <c>agency_subsidy</c>.</summary>
    public string Purpose { get; set; } = "";

    public string PurposeZh { get; set; } = "";

    public string PurposeEn { get; set; } = "";

    /// <summary>The request it pays (e.g. <c>payments.refund</c>); with <see cref="SourceId"/> unique.</summary>
    public string SourceKind { get; set; } = "";

    public string SourceId { get; set; } = "";

    public string ApprovedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The bank file it was written to; null until exported. Set once, by the export's claim.</summary>
    public int? BatchNumber { get; set; }

    public DateTimeOffset? ExportedAt { get; set; }
}
