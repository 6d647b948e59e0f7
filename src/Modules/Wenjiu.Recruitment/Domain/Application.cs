namespace Wenjiu.Recruitment.Domain;

/// <summary>Where an application stands in its posting's pipeline (issue 10 §4). Refused and withdrawn end it.</summary>
internal enum ApplicationStage
{
    Applied,
    Screening,
    Interview,
    Offer,
    Hired,
    Refused,
    Withdrawn,
}

/// <summary>
/// Why an employer refused an application: a fixed list, so that the seeker is told politely in their language and the
/// bureau can count the reasons (no free text reaches the seeker).
/// </summary>
internal enum RefusalReason
{
    None,
    PositionFilled,
    QualificationsDoNotMatch,
    ExperienceDoesNotMatch,
    PayExpectationsDiffer,
    LocationOrHours,
    NoResponse,
}

/// <summary>How a person came to a posting; an application remembers every route it arrived by.</summary>
[Flags]
internal enum ApplicationRoutes
{
    None = 0,
    Seeker = 1,
    Agency = 2,
    Staff = 4,
}

/// <summary>
/// A seeker's application to a posting (求职申请): one per (posting, seeker), however often and by whichever route the
/// person arrives (their own click, a retry, an HR agency's recommendation): the later arrivals merge into it.
/// </summary>
internal sealed class Application
{
    public long Id { get; set; }

    public long PostingId { get; set; }

    public long SeekerId { get; set; }

    /// <summary>The registry's person number, copied from the seeker for the funnel's events.</summary>
    public long PersonId { get; set; }

    /// <summary>The posting's employer, copied so that an employer's applicants are read without a join.</summary>
    public required string Uscc { get; set; }

    public long? DemandLineId { get; set; }

    public ApplicationStage Stage { get; set; }

    public RefusalReason RefusalReason { get; set; }

    public ApplicationRoutes Routes { get; set; }

    /// <summary>The HR service agency that brought the seeker, if one did (first one wins; the funnel credits it).</summary>
    public string? AgencyUscc { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c> of the first request: a retry with it answers this application.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public DateTimeOffset StageChangedAt { get; set; }

    /// <summary>Interviews the seeker did not attend, as the employer recorded them.</summary>
    public int NoShows { get; set; }
}

/// <summary>One move of an application along its pipeline: from, to, who and when (the pipeline's history).</summary>
internal sealed class ApplicationStageChange
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    public ApplicationStage? From { get; set; }

    public ApplicationStage To { get; set; }

    public RefusalReason RefusalReason { get; set; }

    public required string By { get; set; }

    public DateTimeOffset At { get; set; }
}
