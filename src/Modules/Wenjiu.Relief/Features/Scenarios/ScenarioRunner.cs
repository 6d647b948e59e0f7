using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Rules;
using static Wenjiu.Relief.Rules.ContributionRules;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>
/// Runs a scenario over its months for the whole population with the assessment's engine: for each month the registry's
/// snapshot is read once and every spell billed twice as it streams past (<see cref="SnapshotBilling"/>), under the
/// baseline rules and under the scenario's, then every registered employer is summed by report class. Both sides come
/// from the same registry rows in the same pass, so the difference is the policy's alone, and a month costs about what
/// its assessment costs; the assessment's stored runs are never read or written, and deferrals play no part. Each
/// month's results are written with the progress in one transaction, so the page never shows half a month.
/// </summary>
internal sealed class ScenarioRunner(ReliefDbContext db, IInsuredEmploymentSource registry, ReliefRuleSet baseline, TimeProvider clock)
{
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var run = await db.ScenarioRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new InvalidOperationException($"No scenario run {runId}.");
        var scenario = await db.Scenarios.AsNoTracking().FirstAsync(s => s.Id == run.ScenarioId, cancellationToken);
        var scenarioRules = ScenarioHandler.ScenarioRules(scenario, baseline);
        var first = ReliefReportHandler.FromKey(run.FirstMonth);
        var last = ReliefReportHandler.FromKey(run.LastMonth);

        // A re-started run starts over: its earlier months are replaced, not added to.
        await db.ScenarioResults.Where(r => r.ScenarioRunId == runId).ExecuteDeleteAsync(cancellationToken);
        run.MonthsDone = 0;
        await db.SaveChangesAsync(cancellationToken);

        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            var results = await MonthAsync(runId, month, scenarioRules, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.ScenarioResults.AddRange(results);
            run.MonthsDone++;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        run.Status = AssessmentStatus.Completed;
        run.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<List<ScenarioResult>> MonthAsync(Guid runId, YearMonth month, ReliefRuleSet scenarioRules, CancellationToken cancellationToken)
    {
        var billed = await SnapshotBilling.BillAsync(
            registry, [new MonthlyBilling(baseline, month), new MonthlyBilling(scenarioRules, month)], new HashSet<string>(), null, cancellationToken);
        var (before, after) = (billed.Ledgers[0], billed.Ledgers[1]);
        var sums = ReportClasses.All.ToDictionary(c => c, _ => new long[6], StringComparer.Ordinal);
        var counts = ReportClasses.All.ToDictionary(c => c, _ => (Employers: 0, Insured: 0), StringComparer.Ordinal);
        for (var k = 0; k < before.Count; k++)
        {
            // Every registered employer counts, with spells in the month or not, in its class under the baseline rules.
            var reportClass = before.ReportClasses[k];
            counts[reportClass] = (counts[reportClass].Employers + 1, counts[reportClass].Insured + before.InsuredOf(k));
            Add(sums[reportClass], 0, before.Bill(k));
            Add(sums[reportClass], 3, after.Bill(k));
        }

        return ReportClasses.All.Where(c => counts[c].Employers > 0).Select(c => new ScenarioResult
        {
            ScenarioRunId = runId,
            Month = ReliefReportHandler.Key(month),
            ReportClass = c,
            Employers = counts[c].Employers,
            Insured = counts[c].Insured,
            BaselineEmployerDue = Yuan(sums[c][0]),
            BaselineEmployerRelief = Yuan(sums[c][1]),
            BaselineEmployerPayable = Yuan(sums[c][2]),
            ScenarioEmployerDue = Yuan(sums[c][3]),
            ScenarioEmployerRelief = Yuan(sums[c][4]),
            ScenarioEmployerPayable = Yuan(sums[c][5]),
        }).ToList();
    }

    /// <summary>An employer's due, relief and payable (fen, over the five insurances) added to three sums from <paramref name="at"/>.</summary>
    private static void Add(long[] sums, int at, ReadOnlySpan<long> bill)
    {
        sums[at] += EmployerLedger.Total(bill, MonthlyBilling.EmployerDue);
        sums[at + 1] += EmployerLedger.Total(bill, MonthlyBilling.EmployerRelief);
        sums[at + 2] += EmployerLedger.Total(bill, MonthlyBilling.EmployerPayable);
    }
}

/// <summary>Scenario runs started from the web go to the background; the run's row is the state every node can read.</summary>
internal sealed class BackgroundScenarioRuns
{
    private readonly Channel<Guid> pending = Channel.CreateUnbounded<Guid>();

    public ValueTask EnqueueAsync(Guid runId, CancellationToken cancellationToken = default) => pending.Writer.WriteAsync(runId, cancellationToken);

    internal ChannelReader<Guid> Reader => pending.Reader;
}

/// <summary>One scenario run at a time: each reads a whole month of the registry per month, two would only contend.</summary>
internal sealed class ScenarioRunWorker(BackgroundScenarioRuns queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScenarioRunWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ScenarioRunner>().RunAsync(runId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scenario run {RunId} failed", runId);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
                await db.ScenarioRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Status, AssessmentStatus.Failed).SetProperty(r => r.Message, ex.Message).SetProperty(r => r.FinishedAt, clock.GetUtcNow()),
                    stoppingToken);
            }
        }
    }
}
