namespace Wenjiu.Platform.Jobs;

/// <summary>Where a job run is: waiting for its (next) attempt, in an attempt, or finished one way or another.</summary>
public enum JobRunState
{
    /// <summary>Waiting for a node to start it: first enqueued, waiting for a retry, or handed back by a node that stopped.</summary>
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// One run of a queued job (<c>platform.job_runs</c>): what it is, who started it, where it is, how far it got and how it
/// ended. The one shape every module's background work shares (ADR 0008); a module keeps its domain rows (an import's
/// counts, an assessment's version and totals) under the same id. Quartz holds when and where the run fires; this row is
/// what people read and what a cancel request writes to.
/// </summary>
public sealed class JobRun
{
    public const int KindLength = 100;
    public const int MessageLength = 500;
    public const int ResultLength = 4000;

    /// <summary>Who started a run its schedule fired (<see cref="StartedBy"/>).</summary>
    public const string Schedule = "schedule";

    public Guid Id { get; set; }

    /// <summary>The registered kind (<c>registry.import</c>), which names the job type that runs it.</summary>
    public string Kind { get; set; } = "";

    /// <summary>What the job needs to run, as JSON (snake_case): a file's path, a month, a scenario.</summary>
    public string Parameters { get; set; } = "{}";

    public string StartedBy { get; set; } = "";

    public JobRunState State { get; set; }

    /// <summary>Units of work done so far (rows, employers, months), as the job last reported.</summary>
    public long ProgressDone { get; set; }

    /// <summary>Units of work in all, when the job knows.</summary>
    public long? ProgressTotal { get; set; }

    /// <summary>A short word on what the job is doing, as the job last reported.</summary>
    public string? ProgressMessage { get; set; }

    /// <summary>Attempts started so far (a retry, or a recovery after a node stopped, is another attempt).</summary>
    public int Attempts { get; set; }

    /// <summary>The most attempts its kind allows (1: not retried).</summary>
    public int MaxAttempts { get; set; } = 1;

    /// <summary>What the job answered when it succeeded: short JSON or text.</summary>
    public string? Result { get; set; }

    /// <summary>Why the last attempt failed (kept while a retry waits, so the page says why it is waiting).</summary>
    public string? Error { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    /// <summary>When the latest attempt started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the next attempt is due, while a retry waits.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Set by a cancel request; the attempt running on whichever node reads it within seconds and stops.</summary>
    public bool CancellationRequested { get; set; }

    public string? CancellationRequestedBy { get; set; }

    /// <summary>The scheduler instance (node) that ran the latest attempt.</summary>
    public string? Node { get; set; }

    /// <summary>The parameters read as <typeparamref name="T"/> (snake_case JSON, as queued).</summary>
    public T ParametersAs<T>() =>
        System.Text.Json.JsonSerializer.Deserialize<T>(Parameters, JobRunContext.Json) ?? throw new InvalidOperationException($"Job run {Id} has no parameters.");

    public bool IsFinished => State is JobRunState.Succeeded or JobRunState.Failed or JobRunState.Cancelled;
}
