namespace Wenjiu.Payments.Domain;

internal enum ApplicationStatus
{
    InReview,
    Approved,
    Refused,
}

/// <summary>
/// An enterprise's application for the distressed route of the refund (in difficulty but not laying off): 6 × 1,651 =
/// 9,906 yuan per insured person, reviewed like a deferral; an approval becomes a payment once.
/// </summary>
internal sealed class DistressedApplication
{
    public long Id { get; set; }

    public int Year { get; set; }

    public string Uscc { get; set; } = "";

    public string Explanation { get; set; } = "";

    /// <summary>Insured headcount at the year's end when applying (from the registry).</summary>
    public int Insured { get; set; }

    public decimal Amount { get; set; }

    public ApplicationStatus Status { get; set; }

    public string AppliedBy { get; set; } = "";

    public DateTimeOffset AppliedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}
