using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>Baseline and scenario side by side for a group (a month and size class, a size class over the range, or all).</summary>
internal sealed record SideBySide(
    YearMonth? Month,
    string? SizeClass,
    int Employers,
    long Insured,
    decimal BaselineDue,
    decimal BaselineRelief,
    decimal BaselinePayable,
    decimal ScenarioDue,
    decimal ScenarioRelief,
    decimal ScenarioPayable)
{
    /// <summary>Extra relief the scenario grants (negative when it grants less).</summary>
    public decimal ReliefDifference => ScenarioRelief - BaselineRelief;

    public decimal PayableDifference => ScenarioPayable - BaselinePayable;

    public static SideBySide Sum(YearMonth? month, string? sizeClass, IEnumerable<SideBySide> rows)
    {
        var all = rows.ToList();
        return new(
            month,
            sizeClass,
            all.Sum(r => r.Employers),
            all.Sum(r => r.Insured),
            all.Sum(r => r.BaselineDue),
            all.Sum(r => r.BaselineRelief),
            all.Sum(r => r.BaselinePayable),
            all.Sum(r => r.ScenarioDue),
            all.Sum(r => r.ScenarioRelief),
            all.Sum(r => r.ScenarioPayable));
    }
}

/// <summary>A run's progress and, as months finish, its results: by month and size class, by size class, and in all.</summary>
internal sealed record ScenarioRunView(
    ScenarioRun Run,
    Scenario Scenario,
    int Months,
    IReadOnlyList<SideBySide> ByMonthAndClass,
    IReadOnlyList<SideBySide> ByMonth,
    IReadOnlyList<SideBySide> ByClass,
    SideBySide Total)
{
    public bool IsFinished => Run.Status is AssessmentStatus.Completed or AssessmentStatus.Failed;
}

internal sealed class ScenarioRunViewHandler(ReliefDbContext db)
{
    public async Task<ScenarioRunView?> FindAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var run = await db.ScenarioRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var scenario = await db.Scenarios.AsNoTracking().FirstAsync(s => s.Id == run.ScenarioId, cancellationToken);
        var results = await db.ScenarioResults.AsNoTracking().Where(r => r.ScenarioRunId == runId).ToListAsync(cancellationToken);
        var rows = results
            .Select(r => new SideBySide(
                r.Month,
                r.ReportClass,
                r.Employers,
                r.Insured,
                r.BaselineEmployerDue,
                r.BaselineEmployerRelief,
                r.BaselineEmployerPayable,
                r.ScenarioEmployerDue,
                r.ScenarioEmployerRelief,
                r.ScenarioEmployerPayable))
            .OrderBy(r => r.Month!.Value)
            .ThenBy(r => ReportClasses.Order(r.SizeClass!))
            .ToList();
        var byMonth = rows.GroupBy(r => r.Month).Select(g => SideBySide.Sum(g.Key, null, g)).ToList();
        var byClass = rows.GroupBy(r => r.SizeClass!).OrderBy(g => ReportClasses.Order(g.Key)).Select(g => SideBySide.Sum(null, g.Key, g)).ToList();
        var months = run.LastMonth >= run.FirstMonth
            ? run.LastMonth.Ordinal - run.FirstMonth.Ordinal + 1
            : 0;
        return new ScenarioRunView(run, scenario, months, rows, byMonth, byClass, SideBySide.Sum(null, null, rows));
    }
}
