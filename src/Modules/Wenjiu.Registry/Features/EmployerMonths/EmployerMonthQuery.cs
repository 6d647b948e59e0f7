using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Data;

namespace Wenjiu.Registry.Features.EmployerMonths;

/// <summary>
/// The registry side of <see cref="IEmployerMonthQuery"/>: employers with the spells active in a month, read with
/// no tracking. The whole-population reader is one left join in code order, streamed and cut into employers as the
/// rows arrive, so a city's month never sits in memory.
/// </summary>
internal sealed class EmployerMonthQuery(RegistryDbContext db, PersonalDataProtector personalData) : IEmployerMonthQuery
{
    public async Task<EmployerMonthFacts?> GetEmployerMonthAsync(string uscc, int month, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        var employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == uscc, cancellationToken);
        if (employer is null)
        {
            return null;
        }

        var spells = await db.EmploymentSpells.AsNoTracking()
            .Where(s => s.EmployerUscc == uscc && s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month))
            .Join(db.Persons, s => s.PersonId, p => p.Id, (s, p) => new { s.PersonId, s.Wage, p.Name, p.IdNumberCipher })
            .OrderBy(s => s.PersonId)
            .ToListAsync(cancellationToken);

        // Decrypted only to be masked on the spot: nothing in clear leaves the registry, so this is not an audited view.
        var insured = spells.Select(s => new InsuredWageFact(s.PersonId, s.Wage, Masking.Name(s.Name), Masking.IdentityNumber(personalData.Decrypt(s.IdNumberCipher)))).ToList();
        return new EmployerMonthFacts(
            employer.Uscc, employer.Name, employer.Industry, employer.District, employer.Employees, employer.Revenue, employer.TotalAssets, employer.InjuryRate, employer.SizeClass, month, insured);
    }

    public async IAsyncEnumerable<EmployerMonthFacts> ReadMonthAsync(int month, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var active = db.EmploymentSpells.AsNoTracking().Where(s => s.StartMonth <= month && (s.EndMonth == null || s.EndMonth >= month));
        var rows = from e in db.Employers.AsNoTracking()
                   join s in active on e.Uscc equals s.EmployerUscc into spells
                   from s in spells.DefaultIfEmpty()
                   orderby e.Uscc, s.PersonId
                   select new
                   {
                       e.Uscc, e.Name, e.Industry, e.District, e.Employees, e.Revenue, e.TotalAssets, e.InjuryRate, e.SizeClass,
                       PersonId = (long?)s.PersonId,
                       Wage = (decimal?)s.Wage,
                   };

        EmployerMonthFacts? current = null;
        List<InsuredWageFact> insured = [];
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (current is null || !string.Equals(current.Uscc, row.Uscc, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    yield return current;
                }

                insured = [];
                current = new EmployerMonthFacts(row.Uscc, row.Name, row.Industry, row.District, row.Employees, row.Revenue, row.TotalAssets, row.InjuryRate, row.SizeClass, month, insured);
            }

            if (row.PersonId is { } person)
            {
                insured.Add(new InsuredWageFact(person, row.Wage!.Value, null, null));
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }
}
