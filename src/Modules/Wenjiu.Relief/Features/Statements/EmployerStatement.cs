using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Statements;

/// <summary>One insurance's line of a month's bill, as the assessment stored it.</summary>
internal sealed record InsuranceBill(Insurance Insurance, decimal EmployerDue, decimal EmployerRelief, decimal EmployerPayable, decimal EmployeePayable);

/// <summary>An assessed month's bill from the current run: per insurance, the totals and the deferred amount.</summary>
internal sealed record MonthBill(
    YearMonth Month,
    int Version,
    string RuleSetVersion,
    DateTimeOffset AssessedAt,
    string Category,
    string ReportClass,
    string? SizeClass,
    int Insured,
    IReadOnlyList<InsuranceBill> Insurances,
    decimal Deferred)
{
    public decimal EmployerDue => Insurances.Sum(i => i.EmployerDue);

    public decimal EmployerRelief => Insurances.Sum(i => i.EmployerRelief);

    public decimal EmployerPayable => Insurances.Sum(i => i.EmployerPayable);

    public decimal EmployeePayable => Insurances.Sum(i => i.EmployeePayable);

    /// <summary>What the employer pays this month: the payable less what an approved deferral moved to later.</summary>
    public decimal EmployerPayableNow => EmployerPayable - Deferred;
}

/// <summary>The employer as the registry knows it now: name, facts, and its size class with the thresholds behind it.</summary>
internal sealed record StatementEmployer(string Uscc, string? Name, EntityType EntityType, string? Industry, string? District, SizeClassification? Classification);

/// <summary>Every assessed month of one employer, newest first.</summary>
/// <param name="SizeClassPolicy">The class in force for the policy period and, when an upheld objection changed it, why.</param>
internal sealed record EmployerStatement(StatementEmployer Employer, IReadOnlyList<MonthBill> Months, PolicySizeClass? SizeClassPolicy = null);

/// <summary>One person's lines of a month, recomputed: the person masked.</summary>
internal sealed record PersonLines(string Name, string IdNumber, decimal Wage, IReadOnlyList<ContributionLine> Lines);

/// <summary>
/// One month of the statement: the stored bill, and the per-person lines recomputed on demand with traces from the
/// registry's spells of that month. <see cref="Matches"/> says whether the recomputation gives the stored totals; when
/// the registry or the rules changed since the assessment it does not, and the page says so rather than hiding it.
/// </summary>
internal sealed record StatementMonth(
    StatementEmployer Employer,
    MonthBill Bill,
    ReliefCalculation? Recomputed,
    IReadOnlyList<PersonLines> Persons,
    int PersonPage,
    int PersonPageCount,
    string CurrentRuleSetVersion,
    string? RecomputeProblem)
{
    public bool Matches => Recomputed is { } r
        && r.Totals.EmployerDue == Bill.EmployerDue && r.Totals.EmployerRelief == Bill.EmployerRelief
        && r.Totals.EmployerPayable == Bill.EmployerPayable && r.Totals.EmployeePayable == Bill.EmployeePayable;
}

/// <summary>
/// The enterprise's view of its relief (issue 3 §5): an enterprise user sees only its own employer, the roles holding
/// <see cref="Permissions.ViewStatements"/> for every employer any; anyone
/// else, and any employer with neither a registration nor an assessment, gets null, which every caller answers 404
/// (never 403: that would confirm the code exists).
/// </summary>
internal sealed class EmployerStatementHandler(
    ReliefDbContext db, IInsuredEmploymentSource registry, IPolicySizeClasses sizeClasses, EmployerLines employerLines, ReliefRuleSet rules, SmeSizeStandard sizeStandard, IAuthorizationService authorization)
{
    public const int PersonsPerPage = 50;

    /// <summary>Every person on one page: for the month's PDF and CSV.</summary>
    public const int AllPersons = int.MaxValue;

    private Task<bool> CanSeeAsync(ClaimsPrincipal user, string uscc) => authorization.ActsForAsync(user, Permissions.ViewStatements, uscc);

    public async Task<EmployerStatement?> StatementAsync(string uscc, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await CanSeeAsync(user, uscc))
        {
            return null;
        }

        var months = await BillsAsync(uscc, null, cancellationToken);
        var registered = await registry.FindEmployerAsync(uscc, cancellationToken);
        if (registered is null && months.Count == 0)
        {
            return null;
        }

        return new EmployerStatement(Employer(uscc, registered), months, await sizeClasses.FindAsync(uscc, cancellationToken));
    }

    /// <param name="personsPerPage">How many persons' lines one page holds; the PDF and CSV take every person (<see cref="AllPersons"/>).</param>
    public async Task<StatementMonth?> MonthAsync(string uscc, YearMonth month, ClaimsPrincipal user, int personPage, int personsPerPage, CancellationToken cancellationToken = default)
    {
        if (!await CanSeeAsync(user, uscc))
        {
            return null;
        }

        var bill = (await BillsAsync(uscc, month, cancellationToken)).FirstOrDefault();
        if (bill is null)
        {
            return null;
        }

        var registered = await registry.FindEmployerAsync(uscc, cancellationToken);
        var employer = Employer(uscc, registered);
        if (registered is null)
        {
            return new StatementMonth(employer, bill, null, [], 1, 1, rules.Version, "not_registered");
        }

        // The assessment's own per-person lines: ids are the registry's person numbers, stable within the month, shown
        // beside the masked name.
        EmployerMonthLines lines;
        try
        {
            lines = await employerLines.CalculateAsync(registered.Facts, month, explain: true, CultureInfo.CurrentUICulture, cancellationToken);
        }
        catch (Platform.Rules.ParameterNotInForceException e)
        {
            return new StatementMonth(employer, bill, null, [], 1, 1, rules.Version, e.Message);
        }

        var perPage = Math.Max(1, personsPerPage);
        var pageCount = (int)Math.Max(1, (lines.Employees.Count + (long)perPage - 1) / perPage);
        var page = Math.Clamp(personPage, 1, pageCount);
        var byEmployee = lines.Calculation.Lines.ToLookup(l => l.Employee, StringComparer.Ordinal);
        var persons = lines.Employees.Skip((int)Math.Min(int.MaxValue, (page - 1) * (long)perPage)).Take(perPage)
            .Select(e => new PersonLines(e.MaskedName, e.MaskedIdNumber, e.Wage, byEmployee[e.Id].ToList()))
            .ToList();
        return new StatementMonth(employer, bill, lines.Calculation, persons, page, pageCount, rules.Version, null);
    }

    private StatementEmployer Employer(string uscc, RegisteredEmployer? registered) => new(
        uscc,
        registered?.Name,
        UnifiedSocialCreditCode.EntityTypeOf(uscc),
        registered?.Facts.Industry,
        registered?.Facts.District,
        registered?.Facts is { } facts && Industries.IsKnown(facts.Industry) ? sizeStandard.Classify(facts.Industry, new SizeFacts(facts.Employees, facts.Revenue, facts.TotalAssets)) : null);

    /// <summary>The employer's rows of the current runs (of one month, or all), newest month first.</summary>
    private async Task<List<MonthBill>> BillsAsync(string uscc, YearMonth? month, CancellationToken cancellationToken)
    {
        var runs = db.AssessmentRuns.Where(r => r.IsCurrent && r.Status == AssessmentStatus.Completed);
        if (month is { } m)
        {
            runs = runs.Where(r => r.Month == m);
        }

        var rows = await db.EmployerAssessments.AsNoTracking()
            .Where(a => a.Uscc == uscc)
            .Join(runs, a => a.RunId, r => r.Id, (a, r) => new { a, r.Month, r.Version, r.RuleSetVersion, r.FinishedAt, r.StartedAt })
            .OrderByDescending(x => x.Month)
            .ToListAsync(cancellationToken);
        return rows.Select(x => new MonthBill(
            x.Month,
            x.Version,
            x.RuleSetVersion,
            x.FinishedAt ?? x.StartedAt,
            x.a.Category,
            x.a.ReportClass,
            x.a.SizeClass,
            x.a.Insured,
            [
                new(Insurance.Pension, x.a.PensionEmployerDue, x.a.PensionEmployerRelief, x.a.PensionEmployerPayable, x.a.PensionEmployeePayable),
                new(Insurance.Unemployment, x.a.UnemploymentEmployerDue, x.a.UnemploymentEmployerRelief, x.a.UnemploymentEmployerPayable, x.a.UnemploymentEmployeePayable),
                new(Insurance.WorkInjury, x.a.WorkInjuryEmployerDue, x.a.WorkInjuryEmployerRelief, x.a.WorkInjuryEmployerPayable, x.a.WorkInjuryEmployeePayable),
                new(Insurance.Medical, x.a.MedicalEmployerDue, x.a.MedicalEmployerRelief, x.a.MedicalEmployerPayable, x.a.MedicalEmployeePayable),
                new(Insurance.Maternity, x.a.MaternityEmployerDue, x.a.MaternityEmployerRelief, x.a.MaternityEmployerPayable, x.a.MaternityEmployeePayable),
            ],
            x.a.Deferred)).ToList();
    }
}
