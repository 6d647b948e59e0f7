namespace Wenjiu.Reviews.Domain;

/// <summary>
/// An enterprise's objection to its published size class (规模类型异议, issue 9 §4): the class it claims, why, and
/// evidence. Reviewed as the task <see cref="TaskId"/>; upheld, the registry reclassifies it for the whole policy period.
/// </summary>
internal sealed class SizeObjection
{
    public long Id { get; set; }

    public string Uscc { get; set; } = "";

    /// <summary>The class published 2020-03-09 (the registry's <c>SizeClass</c> name).</summary>
    public string Published { get; set; } = "";

    /// <summary>The class the enterprise says is right.</summary>
    public string Claimed { get; set; } = "";

    public string Reason { get; set; } = "";

    public string EvidenceFiles { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public string SubmittedBy { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    public long? TaskId { get; set; }

    /// <summary>When the upheld objection was handed to the registry.</summary>
    public DateTimeOffset? ReclassifiedAt { get; set; }
}
