using System.Text.Json;

namespace Wenjiu.Platform.Jobs;

/// <summary>
/// Work a module queues (an import, an assessment, a scenario run), registered by kind with <see cref="JobRegistration.AddJob"/>.
/// It must be safe to run again from the start: after a crash, a retry or a node's shutdown the same run is attempted
/// again, and the attempt must give what the first would have given (ADR 0008). It stops when its token is cancelled
/// (a user's cancel request, or the node shutting down) and leaves nothing half-visible.
/// </summary>
public interface IQueuedJob
{
    /// <summary>Runs one attempt; returns a short result (JSON or text) for the job run, or null. Throws when it failed.</summary>
    Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken);
}

/// <summary>How often a failed attempt is tried again, and how long after: the delay doubles each time up to a ceiling.</summary>
/// <param name="MaxAttempts">Attempts in all, the first included; 1 is never retried.</param>
public sealed record JobRetry(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>For a job that must not be repeated once it has failed: it fails once.</summary>
    public static readonly JobRetry Never = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>For an idempotent job: up to <paramref name="attempts"/> attempts, waiting <paramref name="firstDelay"/>, then twice as long each time, at most <paramref name="maxDelay"/>.</summary>
    public static JobRetry UpTo(int attempts, TimeSpan firstDelay, TimeSpan? maxDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        return new(attempts, firstDelay, maxDelay ?? TimeSpan.FromTicks(Math.Max(firstDelay.Ticks, TimeSpan.FromMinutes(10).Ticks)));
    }

    public bool Retries => MaxAttempts > 1;
}

/// <summary>A kind of queued job: its name, the type that runs it, and its retry rule.</summary>
public sealed record JobDefinition(string Kind, Type JobType, JobRetry Retry);

/// <summary>A job run as its job sees it: what to do, who asked, which attempt this is; and where it reports progress.</summary>
public sealed class JobRunContext
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Func<long, long?, string?, CancellationToken, Task> report;

    internal JobRunContext(Guid runId, string kind, string parameters, string startedBy, int attempt, bool resumed, Func<long, long?, string?, CancellationToken, Task> report)
    {
        RunId = runId;
        Kind = kind;
        Parameters = parameters;
        StartedBy = startedBy;
        Attempt = attempt;
        Resumed = resumed;
        this.report = report;
    }

    public Guid RunId { get; }

    public string Kind { get; }

    /// <summary>The parameters as queued (JSON).</summary>
    public string Parameters { get; }

    public string StartedBy { get; }

    /// <summary>1 for the first attempt, then 2, 3… for retries and attempts after a node stopped mid-run.</summary>
    public int Attempt { get; }

    /// <summary>True when an earlier attempt was cut short (a crash or a shutdown), so its leftovers may be there.</summary>
    public bool Resumed { get; }

    /// <summary>The parameters read as <typeparamref name="T"/> (snake_case JSON).</summary>
    public T ParametersAs<T>() =>
        JsonSerializer.Deserialize<T>(Parameters, Json) ?? throw new InvalidOperationException($"Job run {RunId} has no parameters.");

    /// <summary>Records how far the run is, for the pages that show it (one short write; call it about once a second at most).</summary>
    public Task ReportProgressAsync(long done, long? total, string? message, CancellationToken cancellationToken = default) =>
        report(done, total, message, cancellationToken);
}
