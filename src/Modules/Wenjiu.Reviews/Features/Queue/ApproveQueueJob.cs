using System.Text.Json;
using Wenjiu.Platform.Jobs;

namespace Wenjiu.Reviews.Features.Queue;

/// <summary>
/// A team lead's approval of a whole filtered queue (<c>reviews.approve-queue</c>; a year's refund list is some
/// 400,000 tasks in a city), on the platform's job queue (ADR 0008) with progress: the tasks approved so far of the
/// count the lead confirmed. Safe to attempt again: each chunk is one transaction and only tasks still open are taken,
/// so a retry goes on where the last attempt stopped and decides nothing twice.
/// </summary>
internal sealed class ApproveQueueJob(ReviewQueue queue) : IQueuedJob
{
    public const string Kind = "reviews.approve-queue";

    /// <summary>The result's JSON, snake_case as the job run's parameters.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="AsOf">When the lead saw the count: tasks opened later are not taken, tasks changed since are stale.</param>
    /// <param name="Expected">The count the lead confirmed (the progress bar's total).</param>
    internal sealed record Parameters(string? Group, string? TaskKind, bool OrdinaryOnly, DateTimeOffset AsOf, int Expected, string? Note);

    /// <summary>The run's result as the page reads it.</summary>
    internal sealed record Outcome(int Decided, int WaitingForSecond, int Stale, int Skipped);

    public async Task<string?> RunAsync(JobRunContext run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parameters = run.ParametersAs<Parameters>();
        var result = await queue.ApproveQueueAsync(
            new QueueSelection(parameters.Group, parameters.TaskKind, parameters.OrdinaryOnly), parameters.AsOf, run.StartedBy, parameters.Note,
            (done, ct) => run.ReportProgressAsync(done.Done, Math.Max(parameters.Expected, done.Done), null, ct), cancellationToken);
        await run.ReportProgressAsync(result.Done, Math.Max(parameters.Expected, result.Done), null, cancellationToken);
        return JsonSerializer.Serialize(new Outcome(result.Decided, result.WaitingForSecond, result.Stale, result.Skipped), Json);
    }
}
