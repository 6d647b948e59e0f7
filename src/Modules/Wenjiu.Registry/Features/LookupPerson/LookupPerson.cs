using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.EmployerDetail;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.LookupPerson;

internal sealed record PersonSpell(string EmployerUscc, string EmployerName, YearMonth Start, YearMonth? End, decimal Wage);

/// <summary>
/// A person as the look-up shows them: <see cref="IdNumber"/> in clear only when <see cref="Unmasked"/>; the birth
/// date (characters 7-14 of the number) likewise, or masking would not hide it.
/// </summary>
internal sealed record PersonView(long Id, string Name, string IdNumber, bool Unmasked, DateOnly? BirthDate, Gender Gender, IReadOnlyList<PersonSpell> Spells);

/// <summary>
/// What a look-up found: errors in the form, the person (null when nobody has that number), or a refusal over the
/// quota (<see cref="RefusedMessage"/>, in the reader's language).
/// </summary>
internal sealed record PersonLookupResult(FieldErrors Errors, PersonView? Person, string? RefusedMessage = null)
{
    public bool Refused => RefusedMessage is not null;
}

/// <summary>What the member of staff typed: the number, why they look it up, and a note (required for "other").</summary>
internal sealed record PersonLookupRequest(string? IdNumber, string? Purpose, string? Note);

/// <summary>
/// How many look-ups one user may make in an hour. A specialist who handles cases at a counter looks up a few people an
/// hour; 20 leaves room for a busy hour and stops a guessing run (1,659 candidate birth dates for one masked number) in
/// its first minute.
/// </summary>
internal sealed class PersonLookupOptions
{
    public const string Section = "Registry:PersonLookup";

    public int HourlyLimit { get; set; } = 20;
}

/// <summary>
/// Staff find a person by the exact identity number, through its keyed hash (the number itself is stored only
/// encrypted). Roles that work with numbers in clear see it unmasked, and each such view goes to the audit log.
/// Because the form answers "found" or "not found", it is an oracle for a masked number (the birth date is the only
/// unknown): so every look-up is audited with its purpose, found or not, and each user gets a small hourly quota,
/// counted from <see cref="PersonLookup"/> rows in the database so that it holds across restarts and nodes. The first
/// refusal in an hour writes a security alert that administrators see on the alerts page and in the audit log.
/// </summary>
internal sealed class LookupPersonHandler(
    RegistryDbContext db,
    PersonalDataProtector personalData,
    IAuditLog audit,
    IStringLocalizer<RegistryText> text,
    IOptions<PersonLookupOptions> options,
    TimeProvider clock)
{
    public const string UnmaskedAction = "person.unmasked";
    public const string LookupAction = "person.lookup";
    public const string AlertAction = "security.alert";
    public const int NoteMaxLength = 200;
    internal static readonly TimeSpan QuotaWindow = TimeSpan.FromHours(1);

    public static bool SeesUnmasked(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Roles.UnmaskedIdentityList.Split(',').Any(user.IsInRole);
    }

    public static string PurposeCode(LookupPurpose purpose) => purpose switch
    {
        LookupPurpose.CaseWork => "case_work",
        LookupPurpose.Inspection => "inspection",
        LookupPurpose.Correction => "correction",
        _ => "other",
    };

    public static IReadOnlyList<LookupPurpose> Purposes { get; } = Enum.GetValues<LookupPurpose>();

    public static LookupPurpose? ParsePurpose(string? code)
    {
        foreach (var purpose in Purposes)
        {
            if (string.Equals(PurposeCode(purpose), code?.Trim(), StringComparison.Ordinal))
            {
                return purpose;
            }
        }

        return null;
    }

    public async Task<PersonLookupResult> HandleAsync(PersonLookupRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var errors = new FieldErrors();
        var purpose = ParsePurpose(request.Purpose);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (purpose is null)
        {
            errors.Add("Purpose", text["Person.Error.Purpose"]);
        }
        else if (purpose == LookupPurpose.Other && note is null)
        {
            errors.Add("Note", text["Person.Error.NoteRequired"]);
        }

        if (note is { Length: > NoteMaxLength })
        {
            errors.Add("Note", text["Person.Error.NoteLength", NoteMaxLength]);
        }

        var number = (request.IdNumber ?? "").Trim().ToUpperInvariant();
        var validation = ResidentIdentityNumber.Validate(number);
        if (!validation.IsValid)
        {
            // The right check character is not named: the algorithm is public, and the form is not a calculator for it.
            errors.Add("IdNumber", validation.Problem switch
            {
                IdNumberProblem.Missing => text["Person.Error.Missing"],
                IdNumberProblem.WrongLength => text["Person.Error.Length"],
                IdNumberProblem.NotDigits => text["Person.Error.Characters"],
                IdNumberProblem.InvalidBirthDate => text["Person.Error.BirthDate"],
                _ => text["Person.Error.CheckCharacter"],
            });
        }

        if (!errors.IsEmpty)
        {
            return new PersonLookupResult(errors, null);
        }

        var actor = user.Identity?.Name ?? "?";
        var details = string.Create(CultureInfo.InvariantCulture, $"purpose: {PurposeCode(purpose!.Value)}{(note is null ? "" : "; note: " + note)}; number: {Masking.IdentityNumber(number)}");
        var lookup = new PersonLookup { Actor = actor, OccurredAtUtc = clock.GetUtcNow().UtcDateTime, Purpose = purpose.Value, Note = note, Outcome = LookupOutcome.Found };
        if (!await WithinQuotaAsync(lookup, cancellationToken))
        {
            await audit.RecordAsync(LookupAction, "person:?", details + "; refused: over the hourly quota", cancellationToken);
            return new PersonLookupResult(errors, null, text["Person.Refused", options.Value.HourlyLimit]);
        }

        var hash = personalData.LookupHash(number);
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumberHash == hash, cancellationToken);
        if (person is null)
        {
            await SetOutcomeAsync(lookup, LookupOutcome.NotFound, cancellationToken);
            await audit.RecordAsync(LookupAction, "person:?", details + "; not found", cancellationToken);
            return new PersonLookupResult(errors, null);
        }

        await audit.RecordAsync(LookupAction, $"person:{person.Id}", details + "; found", cancellationToken);
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
                s.StartMonth,
                s.EndMonth,
                s.Wage)).ToList()));
    }

    /// <summary>
    /// Records the look-up first and counts after, so that two requests racing on two nodes cannot both slip under the
    /// limit (both may be refused at the edge, which errs the safe way). Refused attempts do not use up the quota.
    /// </summary>
    private async Task<bool> WithinQuotaAsync(PersonLookup lookup, CancellationToken cancellationToken)
    {
        db.PersonLookups.Add(lookup);
        await db.SaveChangesAsync(cancellationToken);
        var actor = lookup.Actor;
        var since = lookup.OccurredAtUtc - QuotaWindow;
        var used = await db.PersonLookups.CountAsync(l => l.Actor == actor && l.OccurredAtUtc > since && l.Outcome != LookupOutcome.Refused, cancellationToken);
        if (used <= options.Value.HourlyLimit)
        {
            return true;
        }

        await SetOutcomeAsync(lookup, LookupOutcome.Refused, cancellationToken);
        var refusedBefore = await db.PersonLookups.AnyAsync(l => l.Actor == actor && l.OccurredAtUtc > since && l.Outcome == LookupOutcome.Refused && l.Id != lookup.Id, cancellationToken);
        if (!refusedBefore)
        {
            await audit.RecordAsync(
                AlertAction,
                $"user:{actor}",
                string.Create(CultureInfo.InvariantCulture, $"person look-ups over the hourly quota of {options.Value.HourlyLimit}: further look-ups by {actor} are refused for the rest of the hour"),
                cancellationToken);
        }

        return false;
    }

    private async Task SetOutcomeAsync(PersonLookup lookup, LookupOutcome outcome, CancellationToken cancellationToken)
    {
        lookup.Outcome = outcome;
        await db.SaveChangesAsync(cancellationToken);
    }
}
