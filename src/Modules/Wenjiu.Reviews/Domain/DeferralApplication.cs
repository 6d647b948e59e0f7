using Wenjiu.Platform.Periods;

namespace Wenjiu.Reviews.Domain;

/// <summary>
/// An enterprise's application to defer its contributions (缓缴申请, issue 9 §3): consecutive months within the rules,
/// a reason and evidence. Reviewed as the task <see cref="TaskId"/>; once approved it is recorded in the relief
/// module as <see cref="DeferralId"/>, exactly once.
/// </summary>
internal sealed class DeferralApplication
{
    public long Id { get; set; }

    public string Uscc { get; set; } = "";

    public YearMonth FirstMonth { get; set; }

    public YearMonth LastMonth { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>Stored evidence file ids, comma-separated.</summary>
    public string EvidenceFiles { get; set; } = "";

    /// <summary>The form's (or API client's) key: a repeated submission with it returns this application.</summary>
    public string IdempotencyKey { get; set; } = "";

    public string SubmittedBy { get; set; } = "";

    public DateTimeOffset SubmittedAt { get; set; }

    public long? TaskId { get; set; }

    /// <summary>The relief module's deferral once the approval was recorded there.</summary>
    public long? DeferralId { get; set; }
}
