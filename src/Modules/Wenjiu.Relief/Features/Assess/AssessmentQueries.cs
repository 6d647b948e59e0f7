using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>One insurance's sums over a run: employer due, relief and payable, and employee payable.</summary>
internal sealed record InsuranceTotals(Insurance Insurance, decimal EmployerDue, decimal EmployerRelief, decimal EmployerPayable, decimal EmployeePayable);

/// <summary>A parameter whose value differs between two runs (null where one run did not have it).</summary>
internal sealed record ParameterChange(string Name, string? From, string? To, string Unit);

/// <summary>Two versions of a month side by side: totals per insurance, the parameters that changed, the employers whose bill changed.</summary>
internal sealed record AssessmentDiff(
    AssessmentRun From,
    AssessmentRun To,
    IReadOnlyList<InsuranceTotals> FromTotals,
    IReadOnlyList<InsuranceTotals> ToTotals,
    IReadOnlyList<ParameterChange> ParameterChanges,
    int EmployersChanged);

/// <summary>
/// Reading assessments. Reports, statements and the enterprise view read only the current run of a month
/// (<see cref="CurrentRunAsync"/>), so a run being written, or one that died half-way, is never what anyone sees.
/// </summary>
internal sealed class AssessmentQueries(ReliefDbContext db)
{
    public const int RecentRunCount = 30;

    public Task<AssessmentRun?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.AssessmentRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<AssessmentRun?> CurrentRunAsync(YearMonth month, CancellationToken cancellationToken = default)
    {
        return db.AssessmentRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month && r.IsCurrent, cancellationToken);
    }

    public Task<AssessmentRun?> VersionAsync(YearMonth month, int version, CancellationToken cancellationToken = default)
    {
        return db.AssessmentRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month && r.Version == version, cancellationToken);
    }

    public async Task<IReadOnlyList<AssessmentRun>> RecentAsync(YearMonth? month = null, CancellationToken cancellationToken = default)
    {
        var runs = db.AssessmentRuns.AsNoTracking();
        if (month is { } m)
        {
            runs = runs.Where(r => r.Month == m);
        }

        var list = await runs.OrderByDescending(r => r.Month).ThenByDescending(r => r.Version).Take(RecentRunCount).ToListAsync(cancellationToken);
        return list;
    }

    /// <summary>An employer's bill in the current run of the month, or null (not assessed, or no insured that month).</summary>
    public async Task<EmployerAssessment?> CurrentBillAsync(string uscc, YearMonth month, CancellationToken cancellationToken = default)
    {
        var run = await CurrentRunAsync(month, cancellationToken);
        return run is null ? null : await db.EmployerAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.RunId == run.Id && a.Uscc == uscc, cancellationToken);
    }

    public async Task<IReadOnlyList<InsuranceTotals>> InsuranceTotalsAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var sums = await db.EmployerAssessments.AsNoTracking().Where(a => a.RunId == runId).GroupBy(_ => 1).Select(g => new
        {
            PensionEmployerDue = g.Sum(a => a.PensionEmployerDue),
            PensionEmployerRelief = g.Sum(a => a.PensionEmployerRelief),
            PensionEmployerPayable = g.Sum(a => a.PensionEmployerPayable),
            PensionEmployeePayable = g.Sum(a => a.PensionEmployeePayable),
            UnemploymentEmployerDue = g.Sum(a => a.UnemploymentEmployerDue),
            UnemploymentEmployerRelief = g.Sum(a => a.UnemploymentEmployerRelief),
            UnemploymentEmployerPayable = g.Sum(a => a.UnemploymentEmployerPayable),
            UnemploymentEmployeePayable = g.Sum(a => a.UnemploymentEmployeePayable),
            WorkInjuryEmployerDue = g.Sum(a => a.WorkInjuryEmployerDue),
            WorkInjuryEmployerRelief = g.Sum(a => a.WorkInjuryEmployerRelief),
            WorkInjuryEmployerPayable = g.Sum(a => a.WorkInjuryEmployerPayable),
            WorkInjuryEmployeePayable = g.Sum(a => a.WorkInjuryEmployeePayable),
            MedicalEmployerDue = g.Sum(a => a.MedicalEmployerDue),
            MedicalEmployerRelief = g.Sum(a => a.MedicalEmployerRelief),
            MedicalEmployerPayable = g.Sum(a => a.MedicalEmployerPayable),
            MedicalEmployeePayable = g.Sum(a => a.MedicalEmployeePayable),
            MaternityEmployerDue = g.Sum(a => a.MaternityEmployerDue),
            MaternityEmployerRelief = g.Sum(a => a.MaternityEmployerRelief),
            MaternityEmployerPayable = g.Sum(a => a.MaternityEmployerPayable),
            MaternityEmployeePayable = g.Sum(a => a.MaternityEmployeePayable),
        }).FirstOrDefaultAsync(cancellationToken);
        return sums is null
            ? ReliefNames.Insurances.Select(i => new InsuranceTotals(i, 0, 0, 0, 0)).ToList()
            :
            [
                new(Insurance.Pension, sums.PensionEmployerDue, sums.PensionEmployerRelief, sums.PensionEmployerPayable, sums.PensionEmployeePayable),
                new(Insurance.Unemployment, sums.UnemploymentEmployerDue, sums.UnemploymentEmployerRelief, sums.UnemploymentEmployerPayable, sums.UnemploymentEmployeePayable),
                new(Insurance.WorkInjury, sums.WorkInjuryEmployerDue, sums.WorkInjuryEmployerRelief, sums.WorkInjuryEmployerPayable, sums.WorkInjuryEmployeePayable),
                new(Insurance.Medical, sums.MedicalEmployerDue, sums.MedicalEmployerRelief, sums.MedicalEmployerPayable, sums.MedicalEmployeePayable),
                new(Insurance.Maternity, sums.MaternityEmployerDue, sums.MaternityEmployerRelief, sums.MaternityEmployerPayable, sums.MaternityEmployeePayable),
            ];
    }

    /// <summary>The difference between two versions of a month, or null when either version does not exist.</summary>
    public async Task<AssessmentDiff?> DiffAsync(YearMonth month, int fromVersion, int toVersion, CancellationToken cancellationToken = default)
    {
        var from = await VersionAsync(month, fromVersion, cancellationToken);
        var to = await VersionAsync(month, toVersion, cancellationToken);
        if (from is null || to is null || from.Status == AssessmentStatus.Pruned || to.Status == AssessmentStatus.Pruned)
        {
            return null; // a pruned version has no employer rows to compare
        }

        var before = UsedParameter.Parse(from.ParametersJson).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var after = UsedParameter.Parse(to.ParametersJson).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var changes = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(name => (Name: name, Before: before.GetValueOrDefault(name), After: after.GetValueOrDefault(name)))
            .Where(x => x.Before?.Value != x.After?.Value)
            .Select(x => new ParameterChange(x.Name, x.Before?.Value, x.After?.Value, (x.After ?? x.Before)!.Unit))
            .ToList();

        // An employer changed when its row differs or exists in one run only.
        var fromRows = db.EmployerAssessments.AsNoTracking().Where(a => a.RunId == from.Id);
        var toRows = db.EmployerAssessments.AsNoTracking().Where(a => a.RunId == to.Id);
        var matched = fromRows.Join(toRows, a => a.Uscc, b => b.Uscc, (a, b) => new { a, b });
        var inBoth = await matched.CountAsync(cancellationToken);
        var same = await matched.CountAsync(x => x.a.Category == x.b.Category && x.a.Insured == x.b.Insured && x.a.Deferred == x.b.Deferred
                && x.a.PensionEmployerDue == x.b.PensionEmployerDue && x.a.PensionEmployerPayable == x.b.PensionEmployerPayable && x.a.PensionEmployeePayable == x.b.PensionEmployeePayable
                && x.a.UnemploymentEmployerDue == x.b.UnemploymentEmployerDue && x.a.UnemploymentEmployerPayable == x.b.UnemploymentEmployerPayable && x.a.UnemploymentEmployeePayable == x.b.UnemploymentEmployeePayable
                && x.a.WorkInjuryEmployerDue == x.b.WorkInjuryEmployerDue && x.a.WorkInjuryEmployerPayable == x.b.WorkInjuryEmployerPayable
                && x.a.MedicalEmployerDue == x.b.MedicalEmployerDue && x.a.MedicalEmployeePayable == x.b.MedicalEmployeePayable
                && x.a.MaternityEmployerDue == x.b.MaternityEmployerDue, cancellationToken);
        var fromCount = await fromRows.CountAsync(cancellationToken);
        var toCount = await toRows.CountAsync(cancellationToken);
        return new AssessmentDiff(
            from,
            to,
            await InsuranceTotalsAsync(from.Id, cancellationToken),
            await InsuranceTotalsAsync(to.Id, cancellationToken),
            changes,
            (fromCount - inBoth) + (toCount - inBoth) + (inBoth - same));
    }
}
