using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.EmployerDetail;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.LookupPerson;

public sealed record PersonSpell(string EmployerUscc, string EmployerName, YearMonth Start, YearMonth? End, decimal Wage);

/// <summary>
/// A person as the look-up shows them: <see cref="IdNumber"/> in clear only when <see cref="Unmasked"/>; the birth
/// date (characters 7-14 of the number) likewise, or masking would not hide it.
/// </summary>
public sealed record PersonView(long Id, string Name, string IdNumber, bool Unmasked, DateOnly? BirthDate, Gender Gender, IReadOnlyList<PersonSpell> Spells);

/// <summary>What a look-up found: errors in the number typed, or the person (null when nobody has that number).</summary>
public sealed record PersonLookupResult(FieldErrors Errors, PersonView? Person);

/// <summary>
/// Staff find a person by the exact identity number, through its keyed hash (the number itself is stored only
/// encrypted). Roles that work with numbers in clear see it unmasked, and each such view goes to the audit log.
/// </summary>
public sealed class LookupPersonHandler(RegistryDbContext db, PersonalDataProtector personalData, IAuditLog audit, IStringLocalizer<RegistryText> text)
{
    public const string UnmaskedAction = "person.unmasked";

    public static bool SeesUnmasked(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Roles.UnmaskedIdentityList.Split(',').Any(user.IsInRole);
    }

    public async Task<PersonLookupResult> HandleAsync(string? idNumber, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var number = (idNumber ?? "").Trim().ToUpperInvariant();
        var validation = ResidentIdentityNumber.Validate(number);
        if (!validation.IsValid)
        {
            errors.Add("IdNumber", validation.Problem switch
            {
                IdNumberProblem.Missing => text["Person.Error.Missing"],
                IdNumberProblem.WrongLength => text["Person.Error.Length"],
                IdNumberProblem.NotDigits => text["Person.Error.Characters"],
                IdNumberProblem.InvalidBirthDate => text["Person.Error.BirthDate"],
                _ => text["Person.Error.CheckCharacter", validation.Expected],
            });
            return new PersonLookupResult(errors, null);
        }

        var hash = personalData.LookupHash(number);
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumberHash == hash, cancellationToken);
        if (person is null)
        {
            return new PersonLookupResult(errors, null);
        }

        var spells = await db.EmploymentSpells.AsNoTracking()
            .Where(s => s.PersonId == person.Id)
            .Join(db.Employers, s => s.EmployerUscc, e => e.Uscc, (s, e) => new { s.EmployerUscc, e.Name, s.StartMonth, s.EndMonth, s.Wage })
            .OrderByDescending(s => s.StartMonth)
            .ToListAsync(cancellationToken);

        var unmasked = SeesUnmasked(user);
        var stored = personalData.Decrypt(person.IdNumberCipher);
        if (unmasked)
        {
            await audit.RecordAsync(UnmaskedAction, $"person:{person.Id}", "look-up by identity number", cancellationToken);
        }

        return new PersonLookupResult(errors, new PersonView(
            person.Id,
            unmasked ? person.Name : Masking.Name(person.Name),
            unmasked ? stored : Masking.IdentityNumber(stored),
            unmasked,
            unmasked ? person.BirthDate : null,
            person.Gender,
            spells.Select(s => new PersonSpell(
                s.EmployerUscc,
                s.Name,
                EmployerDetailHandler.FromKey(s.StartMonth),
                s.EndMonth is { } end ? EmployerDetailHandler.FromKey(end) : null,
                s.Wage)).ToList()));
    }
}
