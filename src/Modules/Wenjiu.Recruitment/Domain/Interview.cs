namespace Wenjiu.Recruitment.Domain;

internal enum InterviewStatus
{
    /// <summary>Sent to the seeker, not answered yet.</summary>
    Invited,
    Accepted,
    Declined,

    /// <summary>The employer cancelled it (or moved it: a new round replaces it).</summary>
    Cancelled,
    Attended,

    /// <summary>The seeker did not come (counted on the application).</summary>
    NoShow,
}

/// <summary>
/// One interview round of an application (面试): a slot in time with an online room's link, sent to the seeker with an
/// iCalendar invitation (<see cref="Uid"/> and <see cref="Sequence"/> identify it to calendar clients), reminded a day
/// and an hour before, and its outcome.
/// </summary>
internal sealed class Interview
{
    public long Id { get; set; }

    public long ApplicationId { get; set; }

    /// <summary>1 for the first interview of the application, 2 for the next…</summary>
    public int Round { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>The online interview room (https).</summary>
    public required string Link { get; set; }

    public InterviewStatus Status { get; set; }

    /// <summary>The iCalendar UID: the same for every version of this interview.</summary>
    public required string Uid { get; set; }

    /// <summary>The iCalendar SEQUENCE: raised when the interview changes (cancelled).</summary>
    public int Sequence { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DayReminderAt { get; set; }

    public DateTimeOffset? HourReminderAt { get; set; }
}
