using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Localization;
using Wenjiu.Relief.Rules;


namespace Wenjiu.Relief.Features.Reports;

/// <summary>What a relief report can be grouped by. <c>sector</c> is the industry's economic sector.</summary>
internal enum ReportDimension
{
    Month,
    SizeClass,
    District,
    Industry,
    Sector,
}

internal static class ReportDimensions
{
    public static readonly IReadOnlyList<ReportDimension> All = Enum.GetValues<ReportDimension>();

    /// <summary>The spelling of the API, the CLI and the CSV headers. <c>size_class</c> is the report class.</summary>
    public static string Code(this ReportDimension dimension) => dimension switch
    {
        ReportDimension.Month => "month",
        ReportDimension.SizeClass => "size_class",
        ReportDimension.District => "district",
        ReportDimension.Industry => "industry",
        _ => "sector",
    };

    public static string Code(this EconomicSector sector) => sector.ToString().ToLowerInvariant();

    /// <summary>A comma-separated list such as <c>size_class,district</c>; an empty list means one total row.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<ReportDimension> dimensions, out string? problem, CultureInfo? language = null)
    {
        var result = new List<ReportDimension>();
        dimensions = result;
        problem = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "report_class" is the storage's word for the same thing; both are accepted.
            var found = part == "report_class" ? ReportDimension.SizeClass : All.Cast<ReportDimension?>().FirstOrDefault(d => d!.Value.Code() == part);
            if (found is null)
            {
                problem = ReliefResources.Get(language, "Report.Error.By", part, string.Join(", ", All.Select(d => d.Code())));
                return false;
            }

            if (!result.Contains(found.Value))
            {
                result.Add(found.Value);
            }
        }

        return true;
    }
}

/// <summary>Which current runs to read (months inclusive, all when absent), how to group, and optional filters.</summary>
internal sealed record ReliefReportQuery(
    YearMonth? From,
    YearMonth? To,
    IReadOnlyList<ReportDimension> By,
    string? SizeClass = null,
    string? District = null,
    string? Industry = null)
{
    /// <summary>Checks the written form (as the page, the API and the CLI receive it); errors are keyed by field.</summary>
    /// <param name="language">The language of the messages: the current UI language when null (pages, API), English for the CLI.</param>
    public static ReliefReportQuery? Parse(string? from, string? to, string? by, string? sizeClass, string? district, string? industry, IDictionary<string, string> errors, CultureInfo? language = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = Month(from, "from", errors, language);
        var last = Month(to, "to", errors, language);
        if (first is not null && last is not null && last < first)
        {
            errors["to"] = ReliefResources.Get(language, "Report.Error.ToBeforeFrom", last, first);
        }

        if (!ReportDimensions.TryParse(by, out var dimensions, out var problem, language))
        {
            errors["by"] = problem!;
        }

        sizeClass = Blank(sizeClass);
        district = Blank(district);
        industry = Blank(industry);
        if (sizeClass is not null && !ReportClasses.IsKnown(sizeClass))
        {
            errors["size_class"] = ReliefResources.Get(language, "Report.Error.SizeClass", sizeClass, string.Join(", ", ReportClasses.All));
        }

        if (district is not null && !Districts.IsKnown(district))
        {
            errors["district"] = ReliefResources.Get(language, "Report.Error.District", district);
        }

        if (industry is not null && !Industries.IsKnown(industry))
        {
            errors["industry"] = ReliefResources.Get(language, "Report.Error.Industry", industry);
        }

        return errors.Count == 0 ? new ReliefReportQuery(first, last, dimensions, sizeClass, district, industry) : null;
    }

    private static YearMonth? Month(string? text, string field, IDictionary<string, string> errors, CultureInfo? language)
    {
        if (Blank(text) is not { } written)
        {
            return null;
        }

        if (YearMonth.TryParse(written, CultureInfo.InvariantCulture, out var month))
        {
            return month;
        }

        errors[field] = ReliefResources.Get(language, "Report.Error.Month", written);
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// One row of a relief report: the group's keys (null where the report is not grouped by that dimension) and its sums
/// over the current assessment runs. Amounts are the employer's, except <see cref="EmployeePayable"/>.
/// </summary>
internal sealed record ReliefReportRow(
    YearMonth? Month,
    string? SizeClass,
    string? District,
    string? Industry,
    string? Sector,
    int Employers,
    long Insured,
    decimal EmployerDue,
    decimal EmployerRelief,
    decimal EmployerPayable,
    decimal EmployeePayable,
    decimal Deferred)
{
    /// <summary>Relief per insured person, yuan, rounded to the fen; 0 for a group with nobody insured.</summary>
    public decimal ReliefPerInsured => Insured == 0 ? 0m : decimal.Round(EmployerRelief / Insured, 2, MidpointRounding.AwayFromZero);

    public string? Key(ReportDimension dimension) => dimension switch
    {
        ReportDimension.Month => Month?.ToString(),
        ReportDimension.SizeClass => SizeClass,
        ReportDimension.District => District,
        ReportDimension.Industry => Industry,
        _ => Sector,
    };
}

internal sealed record ReliefReport(ReliefReportQuery Query, IReadOnlyList<YearMonth> Months, IReadOnlyList<ReliefReportRow> Rows, ReliefReportRow Total);

/// <summary>
/// Relief by month × size class × district × industry over the current runs (issue 3 §4). The database does the work:
/// the runs are looked up first, then one <c>GROUP BY run, report class, district, industry</c> over
/// <c>employer_assessments</c> filtered by <c>run_id = ANY(…)</c> (the primary key's leading column, so one month of
/// 615,000 rows is an index range, not a scan of every month). The few hundred groups per month are then rolled up in
/// memory to the grouping asked for, so any subset of dimensions costs the same single query.
/// </summary>
internal sealed class ReliefReportHandler(ReliefDbContext db)
{
    /// <summary>The months that have a current run, oldest first.</summary>
    public async Task<IReadOnlyList<YearMonth>> AssessedMonthsAsync(CancellationToken cancellationToken = default)
    {
        var months = await db.AssessmentRuns.AsNoTracking().Where(r => r.IsCurrent && r.Status == AssessmentStatus.Completed)
            .Select(r => r.Month).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
        return months;
    }

    public async Task<ReliefReport> RunAsync(ReliefReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var current = db.AssessmentRuns.AsNoTracking().Where(r => r.IsCurrent && r.Status == AssessmentStatus.Completed);
        if (query.From is { } from)
        {
            current = current.Where(r => r.Month >= from);
        }

        if (query.To is { } to)
        {
            current = current.Where(r => r.Month <= to);
        }

        var runs = await current
            .Select(r => new { r.Id, r.Month })
            .ToListAsync(cancellationToken);
        var monthOf = runs.ToDictionary(r => r.Id, r => r.Month);
        var runIds = runs.Select(r => r.Id).ToList();

        var assessments = db.EmployerAssessments.AsNoTracking().Where(a => runIds.Contains(a.RunId));
        if (query.SizeClass is { } sizeClass)
        {
            assessments = assessments.Where(a => a.ReportClass == sizeClass);
        }

        if (query.District is { } district)
        {
            assessments = assessments.Where(a => a.District == district);
        }

        if (query.Industry is { } industry)
        {
            assessments = assessments.Where(a => a.Industry == industry);
        }

        var cells = runIds.Count == 0 ? [] : await assessments
            .GroupBy(a => new { a.RunId, a.ReportClass, a.District, a.Industry })
            .Select(g => new
            {
                g.Key.RunId,
                g.Key.ReportClass,
                g.Key.District,
                g.Key.Industry,
                Employers = g.Count(),
                Insured = g.Sum(a => (long)a.Insured),
                Due = g.Sum(a => a.PensionEmployerDue + a.UnemploymentEmployerDue + a.WorkInjuryEmployerDue + a.MedicalEmployerDue + a.MaternityEmployerDue),
                Relief = g.Sum(a => a.PensionEmployerRelief + a.UnemploymentEmployerRelief + a.WorkInjuryEmployerRelief + a.MedicalEmployerRelief + a.MaternityEmployerRelief),
                Payable = g.Sum(a => a.PensionEmployerPayable + a.UnemploymentEmployerPayable + a.WorkInjuryEmployerPayable + a.MedicalEmployerPayable + a.MaternityEmployerPayable),
                EmployeePayable = g.Sum(a => a.PensionEmployeePayable + a.UnemploymentEmployeePayable + a.WorkInjuryEmployeePayable + a.MedicalEmployeePayable + a.MaternityEmployeePayable),
                Deferred = g.Sum(a => a.Deferred),
            })
            .ToListAsync(cancellationToken);

        var by = query.By;
        var rows = cells
            .Select(c => new ReliefReportRow(
                by.Contains(ReportDimension.Month) ? monthOf[c.RunId] : null,
                by.Contains(ReportDimension.SizeClass) ? c.ReportClass : null,
                by.Contains(ReportDimension.District) ? c.District : null,
                by.Contains(ReportDimension.Industry) ? c.Industry : null,
                by.Contains(ReportDimension.Sector) ? Industries.Find(c.Industry)?.Sector.Code() ?? "" : null,
                c.Employers,
                c.Insured,
                c.Due,
                c.Relief,
                c.Payable,
                c.EmployeePayable,
                c.Deferred))
            .GroupBy(r => (r.Month, r.SizeClass, r.District, r.Industry, r.Sector))
            .Select(Sum)
            .OrderBy(r => r.Month?.Ordinal ?? 0)
            .ThenBy(r => r.SizeClass is null ? 0 : ReportClasses.Order(r.SizeClass))
            .ThenBy(r => r.District, StringComparer.Ordinal)
            .ThenBy(r => r.Industry is null ? 0 : IndustryOrder(r.Industry))
            .ThenBy(r => r.Sector, StringComparer.Ordinal)
            .ToList();
        var total = Sum(rows.Select(r => r with { Month = null, SizeClass = null, District = null, Industry = null, Sector = null }));
        if (runs.Count > 1 && !by.Contains(ReportDimension.Month))
        {
            (rows, total) = await CountEachEmployerOnceAsync(assessments, by, rows, total, cancellationToken);
        }

        return new ReliefReport(query, monthOf.Values.Distinct().Order().ToList(), rows, total);
    }

    /// <summary>
    /// 单位数 over several months is the number of employers, each counted once, not the sum of each month's count (an
    /// employer assessed in eleven months is one employer, not eleven). Counted distinct by code in each (class, district,
    /// industry) cell, then rolled up; the total is one distinct count over everything. An employer whose district or
    /// class changed between the months is counted in each cell it was in, as the rows grouped by that cell show it.
    /// Amounts and insured stay sums over the months (insured: person-months, as the per-insured figure divides by).
    /// </summary>
    private static async Task<(List<ReliefReportRow> Rows, ReliefReportRow Total)> CountEachEmployerOnceAsync(
        IQueryable<EmployerAssessment> assessments, IReadOnlyList<ReportDimension> by, List<ReliefReportRow> rows, ReliefReportRow total, CancellationToken cancellationToken)
    {
        var cells = await assessments
            .GroupBy(a => new { a.ReportClass, a.District, a.Industry })
            .Select(g => new { g.Key.ReportClass, g.Key.District, g.Key.Industry, Employers = g.Select(a => a.Uscc).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var counts = cells
            .GroupBy(c => (
                by.Contains(ReportDimension.SizeClass) ? c.ReportClass : null,
                by.Contains(ReportDimension.District) ? c.District : null,
                by.Contains(ReportDimension.Industry) ? c.Industry : null,
                by.Contains(ReportDimension.Sector) ? Industries.Find(c.Industry)?.Sector.Code() ?? "" : null))
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Employers));
        var employers = await assessments.Select(a => a.Uscc).Distinct().CountAsync(cancellationToken);
        return (
            rows.Select(r => r with { Employers = counts.GetValueOrDefault((r.SizeClass, r.District, r.Industry, r.Sector)) }).ToList(),
            total with { Employers = employers });
    }

    private static ReliefReportRow Sum(IEnumerable<ReliefReportRow> rows)
    {
        ReliefReportRow? sum = null;
        foreach (var r in rows)
        {
            sum = sum is null ? r : sum with
            {
                Employers = sum.Employers + r.Employers,
                Insured = sum.Insured + r.Insured,
                EmployerDue = sum.EmployerDue + r.EmployerDue,
                EmployerRelief = sum.EmployerRelief + r.EmployerRelief,
                EmployerPayable = sum.EmployerPayable + r.EmployerPayable,
                EmployeePayable = sum.EmployeePayable + r.EmployeePayable,
                Deferred = sum.Deferred + r.Deferred,
            };
        }

        return sum ?? new ReliefReportRow(null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0);
    }

    private static int IndustryOrder(string code)
    {
        for (var i = 0; i < Industries.All.Count; i++)
        {
            if (Industries.All[i].Code == code)
            {
                return i;
            }
        }

        return Industries.All.Count;
    }
}
