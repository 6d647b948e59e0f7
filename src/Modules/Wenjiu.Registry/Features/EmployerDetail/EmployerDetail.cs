using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Time;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.EmployerDetail;

/// <summary>Insured persons of the employer in one month.</summary>
internal sealed record MonthlyHeadcount(YearMonth Month, int Insured);

/// <summary>One spell at the employer as the employee list shows it: name and identity number masked.</summary>
internal sealed record EmployeeRow(string Name, string IdNumber, YearMonth Start, YearMonth? End, decimal Wage);

internal sealed record EmployeePage(IReadOnlyList<EmployeeRow> Rows, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Everything the employer page and the detail API show.</summary>
internal sealed record EmployerDetailResult(
    Employer Employer,
    SizeClassification Classification,
    IReadOnlyList<MonthlyHeadcount> Headcount,
    EmployeePage Employees);

internal sealed class EmployerDetailHandler(RegistryDbContext db, SmeSizeStandard standard, PersonalDataProtector personalData, TimeProvider clock, IAuthorizationService authorization)
{
    public const int HeadcountMonths = 24;
    public const int EmployeePageSize = 20;

    /// <summary>Null when the employer does not exist or <paramref name="user"/> may not see it: both are a 404.</summary>
    public async Task<EmployerDetailResult?> HandleAsync(string uscc, ClaimsPrincipal user, int employeesPage = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        if (!await authorization.ActsForAsync(user, Permissions.ViewEmployer, uscc))
        {
            return null;
        }

        var employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == uscc, cancellationToken);
        if (employer is null)
        {
            return null;
        }

        var classification = employer.Classify(standard);
        var headcount = await HeadcountAsync(uscc, cancellationToken);
        var employees = await EmployeesAsync(uscc, Math.Max(1, employeesPage), cancellationToken);
        return new EmployerDetailResult(employer, classification, headcount, employees);
    }

    /// <summary>
    /// The 24 months up to the latest month the registry has data for (the latest month a spell starts or ends in,
    /// never after this month in Beijing time): the registry holds 2020's records, and 24 months counted back from today
    /// would show years nobody reported. An open spell counts up to that month. Spells are grouped by their first and
    /// last month in the database, so a large employer costs one small result set, not one row per person.
    /// </summary>
    private async Task<IReadOnlyList<MonthlyHeadcount>> HeadcountAsync(string uscc, CancellationToken cancellationToken)
    {
        var now = BeijingTime.Of(clock.GetUtcNow());
        var thisMonth = new YearMonth(now.Year, now.Month);
        var latestStart = await db.EmploymentSpells.MaxAsync(s => (YearMonth?)s.StartMonth, cancellationToken);
        var latestEnd = await db.EmploymentSpells.MaxAsync(s => s.EndMonth, cancellationToken);
        YearMonth? latest = latestStart is { } start && latestEnd is { } end ? (start > end ? start : end) : latestStart ?? latestEnd;
        var last = latest is { } l && l < thisMonth ? l : thisMonth;
        var first = last.AddMonths(-(HeadcountMonths - 1));
        var groups = await db.EmploymentSpells.AsNoTracking()
            .Where(s => s.EmployerUscc == uscc && s.StartMonth <= last && (s.EndMonth == null || s.EndMonth >= first))
            .GroupBy(s => new { s.StartMonth, s.EndMonth })
            .Select(g => new { g.Key.StartMonth, g.Key.EndMonth, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var counts = new int[HeadcountMonths];
        foreach (var group in groups)
        {
            var from = Math.Max(group.StartMonth.Ordinal, first.Ordinal) - first.Ordinal;
            var to = Math.Min((group.EndMonth ?? last).Ordinal, last.Ordinal) - first.Ordinal;
            for (var i = from; i <= to; i++)
            {
                counts[i] += group.Count;
            }
        }

        return counts.Select((count, i) => new MonthlyHeadcount(first.AddMonths(i), count)).ToList();
    }

    private async Task<EmployeePage> EmployeesAsync(string uscc, int page, CancellationToken cancellationToken)
    {
        page = Paging.Number(page, EmployeePageSize);
        var spells = db.EmploymentSpells.AsNoTracking().Where(s => s.EmployerUscc == uscc);
        var total = await spells.CountAsync(cancellationToken);

        // A page past the end (a stale link, or a page number typed in) shows the last page; this also keeps the offset
        // from overflowing for a page number near int.MaxValue.
        page = Math.Clamp(page, 1, Math.Max(1, (total + EmployeePageSize - 1) / EmployeePageSize));
        var rows = await spells
            .Join(db.Persons, s => s.PersonId, p => p.Id, (s, p) => new { p.Name, p.IdNumberCipher, s.StartMonth, s.EndMonth, s.Wage, s.PersonId })
            .OrderBy(r => r.EndMonth != null).ThenByDescending(r => r.StartMonth).ThenBy(r => r.PersonId)
            .Skip(Paging.Offset(page, EmployeePageSize)).Take(EmployeePageSize)
            .ToListAsync(cancellationToken);

        // Decrypted only to be masked: the list never shows an identity number in clear, so it is not an audited view.
        return new EmployeePage(
            rows.Select(r => new EmployeeRow(
                Masking.Name(r.Name),
                Masking.IdentityNumber(personalData.Decrypt(r.IdNumberCipher)),
                r.StartMonth,
                r.EndMonth,
                r.Wage)).ToList(),
            page,
            EmployeePageSize,
            total);
    }
}
