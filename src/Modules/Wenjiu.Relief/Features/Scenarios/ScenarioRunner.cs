using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wenjiu.Relief.Billing;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Rules;
using static Wenjiu.Relief.Rules.ContributionRules;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>
/// Runs a scenario over its months for the whole population with the assessment's formulas: the registry is read once
/// for the whole range, in one snapshot, and every spell billed as it streams past in each of its months, under the
/// baseline rules and under the scenario's (<see cref="ScenarioBilling"/>), into sums per month and report class (every
/// registered employer counted in its class under the baseline). Both sides come from the same registry rows in the
/// same pass, so the difference is the policy's alone; the assessment's stored runs are never read or written, and
/// deferrals play no part. The months' results are written with the progress in one transaction, so the page never
/// shows half a run.
/// </summary>
internal sealed class ScenarioRunner(ReliefDbContext db, IInsuredEmploymentSource registry, ReliefRuleSet baseline, TimeProvider clock, ILogger<ScenarioRunner> logger)
{
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var run = await db.ScenarioRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new InvalidOperationException($"No scenario run {runId}.");
        var scenario = await db.Scenarios.AsNoTracking().FirstAsync(s => s.Id == run.ScenarioId, cancellationToken);
        var scenarioRules = ScenarioHandler.ScenarioRules(scenario, baseline);
        var first = run.FirstMonth;
        var last = run.LastMonth;

        // A re-started run starts over: its earlier months are replaced, not added to.
        await db.ScenarioResults.Where(r => r.ScenarioRunId == runId).ExecuteDeleteAsync(cancellationToken);
        run.MonthsDone = 0;
        await db.SaveChangesAsync(cancellationToken);

        var watch = Stopwatch.StartNew();
        var sums = await ScenarioBilling.BillAsync(registry, baseline, scenarioRules, first, last, cancellationToken);
        var billed = watch.Elapsed;

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.ScenarioResults.AddRange(Results(runId, sums));
            run.MonthsDone = sums.Months;
            run.Status = AssessmentStatus.Completed;
            run.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation(
            "Scenario run {RunId} ({Scenario}, {First} to {Last}): {Employers} employers billed in {BilledSeconds:F1} s, written in {WrittenSeconds:F1} s",
            runId, scenario.Name, first, last, sums.Employers.Sum(), billed.TotalSeconds, (watch.Elapsed - billed).TotalSeconds);
    }

    /// <summary>A row per month and report class with employers, the baseline's figures beside the scenario's.</summary>
    internal static IEnumerable<ScenarioResult> Results(Guid runId, ScenarioSums sums)
    {
        for (var m = 0; m < sums.Months; m++)
        {
            for (var c = 0; c < ReportClasses.All.Count; c++)
            {
                if (sums.Employers[c] == 0)
                {
                    continue;
                }

                var before = sums.Bill(ScenarioBilling.Baseline, m, c);
                var after = sums.Bill(ScenarioBilling.Scenario, m, c);
                yield return new ScenarioResult
                {
                    ScenarioRunId = runId,
                    Month = sums.First.AddMonths(m),
                    ReportClass = ReportClasses.All[c],
                    Employers = sums.Employers[c],
                    Insured = checked((int)sums.Insured(m, c)),
                    BaselineEmployerDue = Yuan(EmployerLedger.Total(before, MonthlyBilling.EmployerDue)),
                    BaselineEmployerRelief = Yuan(EmployerLedger.Total(before, MonthlyBilling.EmployerRelief)),
                    BaselineEmployerPayable = Yuan(EmployerLedger.Total(before, MonthlyBilling.EmployerPayable)),
                    ScenarioEmployerDue = Yuan(EmployerLedger.Total(after, MonthlyBilling.EmployerDue)),
                    ScenarioEmployerRelief = Yuan(EmployerLedger.Total(after, MonthlyBilling.EmployerRelief)),
                    ScenarioEmployerPayable = Yuan(EmployerLedger.Total(after, MonthlyBilling.EmployerPayable)),
                };
            }
        }
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
