using Wenjiu.Platform.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// Arranges assessment runs and employer bills directly through <see cref="ReliefDbContext"/>, as the monthly
/// assessment would leave them (the engine is not under test here).
/// </summary>
internal static class ReliefData
{
    /// <summary>A completed run of <paramref name="month"/> (<c>yyyymm</c>) with its employers' bills.</summary>
    public static async Task<Guid> AddRunAsync(WenjiuFactory factory, int month, bool current, int version, params EmployerAssessment[] bills)
    {
        var run = new AssessmentRun
        {
            Id = Guid.NewGuid(),
            Month = YearMonth.FromNumber(month),
            Version = version,
            Status = AssessmentStatus.Completed,
            IsCurrent = current,
            RuleSetName = "beijing-2020",
            RuleSetVersion = Wenjiu.Relief.Rules.ReliefRuleSet.Beijing2020.Version,
            ParametersJson = "{}",
            StartedBy = "test",
            StartedAt = DateTimeOffset.UtcNow,
            FinishedAt = DateTimeOffset.UtcNow,
            Employers = bills.Length,
            EmployersDone = bills.Length,
            Insured = bills.Sum(b => b.Insured),
            EmployerDue = bills.Sum(b => b.EmployerDue),
            EmployerRelief = bills.Sum(b => b.EmployerRelief),
            EmployerPayable = bills.Sum(b => b.EmployerPayable),
            EmployeePayable = bills.Sum(b => b.EmployeePayable),
            Deferred = bills.Sum(b => b.Deferred),
        };
        foreach (var bill in bills)
        {
            bill.RunId = run.Id;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReliefDbContext>();
        db.AssessmentRuns.Add(run);
        db.EmployerAssessments.AddRange(bills);
        await db.SaveChangesAsync();
        return run.Id;
    }

    /// <summary>
    /// A bill whose only figures are the pension line (due, relief, payable = due − relief) and the deferred amount;
    /// the others are zero, so report sums can be worked out by hand.
    /// </summary>
    public static EmployerAssessment Bill(string uscc, string reportClass, string district, string industry, int insured, decimal due, decimal relief, decimal deferred = 0m) => new()
    {
        Uscc = uscc,
        Category = reportClass is "large" or "other" ? "large_or_other" : "sme",
        ReportClass = reportClass,
        SizeClass = reportClass is "large" or "medium" or "small" or "micro" ? reportClass : null,
        District = district,
        Industry = industry,
        Insured = insured,
        PensionEmployerDue = due,
        PensionEmployerRelief = relief,
        PensionEmployerPayable = due - relief,
        Deferred = deferred,
    };

    public static async Task<T> QueryAsync<T>(WenjiuFactory factory, Func<ReliefDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReliefDbContext>());
    }

    /// <summary>Every stored bill, as a comparable text (to show that a scenario left the baseline alone).</summary>
    public static Task<string> SnapshotAsync(WenjiuFactory factory) => QueryAsync(factory, async db =>
    {
        var runs = await db.AssessmentRuns.AsNoTracking().OrderBy(r => r.Month).ThenBy(r => r.Version).ToListAsync();
        var bills = await db.EmployerAssessments.AsNoTracking().OrderBy(b => b.RunId).ThenBy(b => b.Uscc).ToListAsync();
        return string.Join('\n', runs.Select(r => $"{r.Id} {r.Month} v{r.Version} {r.IsCurrent} {r.Status} {r.EmployerDue} {r.EmployerRelief} {r.EmployerPayable}")
            .Concat(bills.Select(b => $"{b.RunId} {b.Uscc} {b.ReportClass} {b.Insured} {b.EmployerDue} {b.EmployerRelief} {b.EmployerPayable} {b.EmployeePayable} {b.Deferred}")));
    });
}
