namespace Wenjiu.Payments.Domain;

/// <summary>The bank account a payee (employer or agency) is paid to, recorded by staff, encrypted at rest.</summary>
internal sealed class PayeeAccount
{
    public string Uscc { get; set; } = "";

    /// <summary>The account holder's name as the bank knows it (the payee's registered name).</summary>
    public string HolderName { get; set; } = "";

    public byte[] Account { get; set; } = [];

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}
