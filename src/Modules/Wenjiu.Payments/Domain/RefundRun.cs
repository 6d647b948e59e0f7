namespace Wenjiu.Payments.Domain;

internal enum RefundRunStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>One run of a year's refund batch: who started it, with which parameters, and what it found.</summary>
internal sealed class RefundRun
{
    public long Id { get; set; }

    public int Year { get; set; }

    public RefundRunStatus Status { get; set; }

    public string RulesVersion { get; set; } = "";

    public string StartedBy { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int Employers { get; set; }

    public int Eligible { get; set; }

    public decimal Refund { get; set; }

    public string? Message { get; set; }
}
