using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>
/// Runs a scenario over its months for the whole population: for each month every registered employer's month is read
/// from the registry (through its contracts), computed twice with the calculator, under the baseline rules and under
/// the scenario's, and summed by report class. Both sides are computed from the same registry rows in the same pass,
/// so the difference is the policy's alone; the assessment's stored runs are never read or written. Each month's
/// results are written with the progress in one transaction, so the page never shows half a month.
/// </summary>
internal sealed class ScenarioRunner(ReliefDbContext db, IEmployerMonthQuery registry, ReliefRuleSet baseline, SmeSizeStandard sizeStandard, TimeProvider clock)
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
        var byClass = ReportClasses.All.ToDictionary(c => c, c => new ScenarioResult { ScenarioRunId = runId, Month = ReliefReportHandler.Key(month), ReportClass = c }, StringComparer.Ordinal);
        await foreach (var facts in registry.ReadMonthAsync(ReliefReportHandler.Key(month), cancellationToken))
        {
            var input = new EmployerMonth(
                month,
                new EmployerFacts(facts.Uscc, facts.InjuryRatePercent, facts.SizeClass, facts.Industry, new SizeFacts(facts.Employees, facts.Revenue, facts.TotalAssets)),
                facts.Insured.Select(i => new InsuredWage(i.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Wage)).ToList());
            var before = ReliefCalculator.Calculate(baseline, input, sizeStandard, explain: false);
            var after = ReliefCalculator.Calculate(scenarioRules, input, sizeStandard, explain: false);
            var result = byClass[ReportClasses.Of(before.Category, baseline.Categories)];
            result.Employers++;
            result.Insured += facts.Insured.Count;
            result.BaselineEmployerDue += before.Totals.EmployerDue;
            result.BaselineEmployerRelief += before.Totals.EmployerRelief;
            result.BaselineEmployerPayable += before.Totals.EmployerPayable;
            result.ScenarioEmployerDue += after.Totals.EmployerDue;
            result.ScenarioEmployerRelief += after.Totals.EmployerRelief;
            result.ScenarioEmployerPayable += after.Totals.EmployerPayable;
        }

        return byClass.Values.Where(r => r.Employers > 0).ToList();
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
