namespace Wenjiu.Reviews.Domain;

/// <summary>Where a task stands. Only <see cref="Approved"/>, <see cref="Refused"/> and <see cref="Withdrawn"/> are final.</summary>
internal enum ReviewStatus
{
    /// <summary>Waiting for a reviewer's decision (claimed or not).</summary>
    Open,

    /// <summary>Sent back to the applicant with a question: its clock is paused until the answer.</summary>
    WaitingForInformation,

    /// <summary>Approved once; four eyes are needed, so a second reviewer (never the first) must confirm.</summary>
    AwaitingSecondReview,

    Approved,
    Refused,
    Withdrawn,
}

/// <summary>
/// A review task (审核任务): one per request another module (or this one) sends to review, with who may claim it, who
/// holds it, when it must be decided and what was decided. <see cref="Version"/> is checked in every UPDATE, so of two
/// reviewers acting on the same form only the first wins; the other is told who changed it and when.
/// </summary>
internal sealed class ReviewTask
{
    public long Id { get; set; }

    /// <summary>The request's kind, owned by its module: <c>reviews.deferral</c>, <c>payments.refund</c>, ….</summary>
    public string Kind { get; set; } = "";

    /// <summary>The owning module's id of the request; (kind, subject) is unique.</summary>
    public string SubjectId { get; set; } = "";

    public string? Uscc { get; set; }

    /// <summary>The employer's district (行政区划代码) when the registry knows it: distribution by district reads it.</summary>
    public string? District { get; set; }

    public string TitleZh { get; set; } = "";

    public string TitleEn { get; set; } = "";

    /// <summary>Yuan at stake, for the four-eyes threshold; null when none.</summary>
    public decimal? Amount { get; set; }

    /// <summary>When it must be decided; moved on by the time spent waiting for the applicant's answer.</summary>
    public DateTimeOffset DueAt { get; set; }

    public string CandidateGroup { get; set; } = "";

    /// <summary>0 (routine) … 100 (urgent).</summary>
    public int Priority { get; set; }

    /// <summary>The reasons a reviewer may choose when refusing (JSON array of code, text_zh, text_en).</summary>
    public string RefusalReasons { get; set; } = "[]";

    public string? DetailPath { get; set; }

    public ReviewStatus Status { get; set; }

    /// <summary>The reviewer (user name) who holds the task; null while it waits in its group's queue.</summary>
    public string? Assignee { get; set; }

    /// <summary>Whether an approval needs a second reviewer (amount above the bureau's threshold, or drawn at random).</summary>
    public bool NeedsSecondReview { get; set; }

    public string? FirstApprover { get; set; }

    public DateTimeOffset? FirstApprovedAt { get; set; }

    /// <summary>Since when the task waits for the applicant's answer (its clock stands still meanwhile).</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>The last question put to the applicant, exactly as the reviewer wrote it.</summary>
    public string? Question { get; set; }

    public string? Answer { get; set; }

    /// <summary>Files the applicant sent with the answer (stored file ids, comma-separated).</summary>
    public string AnswerFiles { get; set; } = "";

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the overdue task was escalated to the team lead (once).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public string OpenedBy { get; set; } = "";

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Who decided (for a four-eyes approval: the first reviewer).</summary>
    public string? DecidedBy { get; set; }

    public string? SecondReviewer { get; set; }

    /// <summary>The refusal reasons chosen (codes, comma-separated).</summary>
    public string ReasonCodes { get; set; } = "";

    public string Note { get; set; } = "";

    /// <summary>The optimistic concurrency token: raised by every change, checked in the UPDATE.</summary>
    public int Version { get; set; }

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }

    public bool IsDecided => Status is ReviewStatus.Approved or ReviewStatus.Refused or ReviewStatus.Withdrawn;

    /// <summary>Whole days left until the due date; counted from when the clock stopped while the applicant is asked.</summary>
    public int DaysLeft(DateTimeOffset now) => (int)Math.Floor((DueAt - (PausedAt ?? now)).TotalDays);

    public bool IsOverdue(DateTimeOffset now) => !IsDecided && PausedAt is null && DueAt < now;
}
