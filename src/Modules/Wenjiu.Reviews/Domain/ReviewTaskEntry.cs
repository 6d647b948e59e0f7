namespace Wenjiu.Reviews.Domain;

/// <summary>One line of a task's history: what was done, by whom, when, and what it said (a question, a reason, a note).</summary>
internal sealed class ReviewTaskEntry
{
    public long Id { get; set; }

    public long TaskId { get; set; }

    /// <summary>opened, claimed, released, reassigned, approved, confirmed, refused, information_requested, answered, escalated, withdrawn.</summary>
    public string Action { get; set; } = "";

    public string By { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string Detail { get; set; } = "";
}
