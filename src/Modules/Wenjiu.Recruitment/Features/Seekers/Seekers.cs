using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Features.Seekers;

/// <summary>A seeker's profile as given (the form's or the API's fields, unparsed); codes are the taxonomy's and the district list's.</summary>
internal sealed record SeekerProfileInput(
    string? Name, string? Phone, string? Kind, string? District, string? Education, string? School, string? Major, int? GraduationYear,
    string? OriginCounty, IReadOnlyList<string>? Skills, IReadOnlyList<string>? WantedOccupations, decimal? PayMin, bool? OpenToRecommendations);

/// <summary>One line of the structured resume as given.</summary>
internal sealed record ResumeEntryInput(string? Kind, DateOnly? From, DateOnly? To, string? Organisation, string? Title, string? Occupation, string? Description);

/// <summary>
/// A seeker as one viewer may see them: <see cref="Unmasked"/> says whether name and phone are in clear (the seeker,
/// staff, an employer the seeker applied to or agreed to be seen by); the resume is shown only then.
/// </summary>
internal sealed record SeekerView(
    long Id, string Name, string? Phone, bool Unmasked, SeekerKind Kind, string District, Education Education, string School, string Major,
    int? GraduationYear, string OriginCounty, IReadOnlyList<string> Skills, IReadOnlyList<string> WantedOccupations, decimal PayMin,
    bool OpenToRecommendations, IReadOnlyList<ResumeEntry> Resume, IReadOnlyList<string> ConsentedEmployers);

/// <summary>The outcome of a command: the errors by field (message keys of <c>RecruitmentText</c>), or the value.</summary>
internal sealed record SeekerResult<T>(IReadOnlyDictionary<string, string> Errors, T? Value, bool Repeated = false)
    where T : class
{
    public static SeekerResult<T> Failed(string field, string key) => new(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = key }, null);
}

/// <summary>
/// Seekers (issue 10 §2): registration by the seeker themself or on their behalf by staff or an HR agency (the identity
/// number goes only to the registry's <see cref="IPersonRecords"/>; the seeker keeps the person number), the profile,
/// the structured resume, consents to employers and the recommendations switch; and what a viewer may see of a seeker.
/// </summary>
internal sealed class Seekers(
    RecruitmentDbContext db, IPersonRecords persons, PersonalDataProtector protector, IAuditLog audit, TimeProvider clock, Recommendations.SeekerMatchIndex matchIndex)
{
    public const string UnmaskedAction = "seeker.unmasked";

    /// <summary>The profile's errors by field, as message keys.</summary>
    public static Dictionary<string, string> Validate(SeekerProfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            errors[nameof(input.Name)] = "Seeker.Error.Name";
        }

        if (!string.IsNullOrWhiteSpace(input.Phone) && !IsMobileNumber(input.Phone.Trim()))
        {
            errors[nameof(input.Phone)] = "Seeker.Error.Phone";
        }

        if (KindOf(input.Kind) is null)
        {
            errors[nameof(input.Kind)] = "Seeker.Error.Kind";
        }

        if (!Districts.IsKnown(input.District))
        {
            errors[nameof(input.District)] = "Seeker.Error.District";
        }

        if (EducationOf(input.Education) is null)
        {
            errors[nameof(input.Education)] = "Seeker.Error.Education";
        }

        if (input.GraduationYear is < 1950 or > 2100)
        {
            errors[nameof(input.GraduationYear)] = "Seeker.Error.GraduationYear";
        }

        if (input.WantedOccupations is not { Count: > 0 and <= 5 } wanted || !wanted.All(OccupationTaxonomy.IsOccupation))
        {
            errors[nameof(input.WantedOccupations)] = "Seeker.Error.Occupations";
        }

        if (input.Skills?.All(OccupationTaxonomy.IsSkill) == false)
        {
            errors[nameof(input.Skills)] = "Seeker.Error.Skills";
        }

        if (input.PayMin is < 0 or > 1_000_000m)
        {
            errors[nameof(input.PayMin)] = "Seeker.Error.Pay";
        }

        return errors;
    }

    /// <summary>Mainland mobile numbers: 11 digits beginning with 1.</summary>
    private static bool IsMobileNumber(string phone) => phone.Length == 11 && phone[0] == '1' && phone.All(char.IsAsciiDigit);

    /// <summary>Codes as the API and the market file spell them: snake case of the enum's names (migrant_worker).</summary>
    internal static SeekerKind? KindOf(string? code) => ParseSnake<SeekerKind>(code);

    internal static Education? EducationOf(string? code) => ParseSnake<Education>(code);

    internal static string Code<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The enum value whose <see cref="Code{T}"/> is <paramref name="code"/>, or null.</summary>
    internal static T? ParseSnake<T>(string? code) where T : struct, Enum =>
        code is { Length: > 0 } && Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Code(v!.Value) == code.Trim()) is { } value ? value : null;

    /// <summary>
    /// Registers a seeker for the person with <paramref name="idNumber"/>, or answers the one they already are (a person
    /// is one seeker however often registered: <see cref="SeekerResult{T}.Repeated"/>). A self-registration binds the
    /// seeker to <paramref name="userName"/>; a user already bound to a seeker cannot register another.
    /// </summary>
    public async Task<SeekerResult<Seeker>> RegisterAsync(string? idNumber, SeekerProfileInput input, string? userName, string registeredBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        var check = ResidentIdentityNumber.Validate(idNumber?.Trim());
        if (!check.IsValid)
        {
            errors["IdNumber"] = "Seeker.Error.IdNumber";
        }

        if (errors.Count > 0)
        {
            return new SeekerResult<Seeker>(errors, null);
        }

        if (userName is not null && await db.Seekers.AsNoTracking().FirstOrDefaultAsync(s => s.UserName == userName, cancellationToken) is { } bound)
        {
            return await ForPersonAsync(bound.PersonId, idNumber!, cancellationToken) is null
                ? SeekerResult<Seeker>.Failed("IdNumber", "Seeker.Error.AlreadyBound")
                : new SeekerResult<Seeker>(errors, bound, Repeated: true);
        }

        var person = await persons.EnsureAsync(idNumber!.Trim(), input.Name!.Trim(), $"recruitment: seeker registration by {registeredBy}", cancellationToken);
        if (await db.Seekers.FirstOrDefaultAsync(s => s.PersonId == person.Id, cancellationToken) is { } existing)
        {
            // A seeker registered by staff or an agency claims their profile with their own sign-in.
            if (userName is not null && existing.UserName is null)
            {
                existing.UserName = userName;
                await db.SaveChangesAsync(cancellationToken);
            }

            return new SeekerResult<Seeker>(errors, existing, Repeated: true);
        }

        var now = clock.GetUtcNow();
        var seeker = new Seeker { Name = "", District = "", PersonId = person.Id, UserName = userName, CreatedAt = now };
        Apply(seeker, input, now);
        db.Seekers.Add(seeker);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person registered concurrently (a double submit): the unique person number kept one.
            db.ChangeTracker.Clear();
            var winner = await db.Seekers.AsNoTracking().SingleAsync(s => s.PersonId == person.Id, cancellationToken);
            return new SeekerResult<Seeker>(errors, winner, Repeated: true);
        }

        await matchIndex.SyncAsync([seeker.Id], cancellationToken);
        return new SeekerResult<Seeker>(errors, seeker);
    }

    private async Task<Seeker?> ForPersonAsync(long personId, string idNumber, CancellationToken cancellationToken)
    {
        var found = await persons.FindAsync([personId], cancellationToken);
        return found.TryGetValue(personId, out var person) && person.MaskedIdNumber == Masking.IdentityNumber(idNumber.Trim().ToUpperInvariant())
            ? await db.Seekers.AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == personId, cancellationToken)
            : null;
    }

    public Task<Seeker?> OfUserAsync(string userName, CancellationToken cancellationToken) =>
        db.Seekers.FirstOrDefaultAsync(s => s.UserName == userName, cancellationToken);

    public async Task<SeekerResult<Seeker>> UpdateProfileAsync(Seeker seeker, SeekerProfileInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new SeekerResult<Seeker>(errors, null);
        }

        Apply(seeker, input, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await matchIndex.SyncAsync([seeker.Id], cancellationToken);
        return new SeekerResult<Seeker>(errors, seeker);
    }

    private void Apply(Seeker seeker, SeekerProfileInput input, DateTimeOffset now)
    {
        seeker.Name = input.Name!.Trim();
        seeker.PhoneCipher = string.IsNullOrWhiteSpace(input.Phone) ? null : protector.Encrypt(input.Phone.Trim());
        seeker.Kind = KindOf(input.Kind)!.Value;
        seeker.District = input.District!;
        seeker.Education = EducationOf(input.Education)!.Value;
        seeker.School = input.School?.Trim() ?? "";
        seeker.Major = input.Major?.Trim() ?? "";
        seeker.GraduationYear = input.GraduationYear;
        seeker.OriginCounty = input.OriginCounty?.Trim() ?? "";
        seeker.Skills = string.Join(' ', input.Skills ?? []);
        seeker.WantedOccupations = string.Join(' ', input.WantedOccupations!);
        seeker.PayMin = input.PayMin ?? 0m;
        seeker.OpenToRecommendations = input.OpenToRecommendations ?? seeker.OpenToRecommendations;
        seeker.UpdatedAt = now;
    }

    public async Task SetOpenToRecommendationsAsync(Seeker seeker, bool open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        seeker.OpenToRecommendations = open;
        seeker.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await matchIndex.SyncAsync([seeker.Id], cancellationToken);
    }

    public static Dictionary<string, string> Validate(ResumeEntryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ParseSnake<ResumeEntryKind>(input.Kind) is null)
        {
            errors[nameof(input.Kind)] = "Resume.Error.Kind";
        }

        if (string.IsNullOrWhiteSpace(input.Organisation) || input.Organisation.Length > 200)
        {
            errors[nameof(input.Organisation)] = "Resume.Error.Organisation";
        }

        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200)
        {
            errors[nameof(input.Title)] = "Resume.Error.Title";
        }

        if (input.From is { } from && input.To is { } to && to < from)
        {
            errors[nameof(input.To)] = "Resume.Error.Dates";
        }

        if (input.Occupation is { Length: > 0 } occupation && !OccupationTaxonomy.IsOccupation(occupation))
        {
            errors[nameof(input.Occupation)] = "Resume.Error.Occupation";
        }

        if (input.Description?.Length > 2000)
        {
            errors[nameof(input.Description)] = "Resume.Error.Description";
        }

        return errors;
    }

    /// <summary>Adds a resume line, or changes the seeker's line <paramref name="entryId"/> (null when it is not theirs).</summary>
    public async Task<SeekerResult<ResumeEntry>> SaveEntryAsync(Seeker seeker, long? entryId, ResumeEntryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new SeekerResult<ResumeEntry>(errors, null);
        }

        var entry = entryId is { } id
            ? await db.ResumeEntries.FirstOrDefaultAsync(e => e.Id == id && e.SeekerId == seeker.Id, cancellationToken)
            : db.ResumeEntries.Add(new ResumeEntry { SeekerId = seeker.Id, Organisation = "", Title = "" }).Entity;
        if (entry is null)
        {
            return new SeekerResult<ResumeEntry>(errors, null);
        }

        entry.Kind = ParseSnake<ResumeEntryKind>(input.Kind)!.Value;
        entry.From = input.From;
        entry.To = input.To;
        entry.Organisation = input.Organisation!.Trim();
        entry.Title = input.Title!.Trim();
        entry.Occupation = string.IsNullOrWhiteSpace(input.Occupation) ? null : input.Occupation;
        entry.Description = input.Description?.Trim() ?? "";
        seeker.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new SeekerResult<ResumeEntry>(errors, entry);
    }

    public async Task<bool> RemoveEntryAsync(Seeker seeker, long entryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        return await db.ResumeEntries.Where(e => e.Id == entryId && e.SeekerId == seeker.Id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The seeker agrees that the employer <paramref name="uscc"/> may see their details; once (a repeat changes nothing).</summary>
    public async Task<bool> ConsentAsync(Seeker seeker, string uscc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        if (!UnifiedSocialCreditCode.IsValid(uscc))
        {
            return false;
        }

        if (!await db.SeekerConsents.AnyAsync(c => c.SeekerId == seeker.Id && c.Uscc == uscc && c.RevokedAt == null, cancellationToken))
        {
            db.SeekerConsents.Add(new SeekerConsent { SeekerId = seeker.Id, Uscc = uscc, GrantedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    public async Task RevokeConsentAsync(Seeker seeker, string uscc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        var now = clock.GetUtcNow();
        await db.SeekerConsents.Where(c => c.SeekerId == seeker.Id && c.Uscc == uscc && c.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// The seeker <paramref name="seekerId"/> as <paramref name="viewer"/> may see them, or null when the viewer may not
    /// see them at all (404). The seeker sees themself; staff who work with seekers see them in full; an employer or an
    /// agency sees a seeker who applied to it or agreed to be seen by it in full, one open to recommendations masked
    /// (name, phone; no resume), others not at all. Every view in full by someone other than the seeker is audited.
    /// </summary>
    public async Task<SeekerView?> ViewAsync(long seekerId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var seeker = await db.Seekers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == seekerId, cancellationToken);
        if (seeker is null)
        {
            return null;
        }

        var self = seeker.UserName is not null && string.Equals(seeker.UserName, viewer.Identity?.Name, StringComparison.Ordinal);
        bool unmasked;
        if (self || viewer.MayEverywhere(Permissions.ViewSeekers))
        {
            unmasked = true;
        }
        else if (viewer.May(Permissions.ViewSeekers) && viewer.EmployerUscc() is { Length: > 0 } uscc)
        {
            unmasked = await MaySeeInFullAsync(seeker.Id, uscc, cancellationToken);
            if (!unmasked && !seeker.OpenToRecommendations)
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        if (unmasked && !self)
        {
            await audit.RecordAsync(UnmaskedAction, $"seeker:{seeker.Id}", $"person:{seeker.PersonId}", cancellationToken);
        }

        return await ViewOfAsync(seeker, unmasked, cancellationToken);
    }

    /// <summary>Whether the employer (or agency) <paramref name="uscc"/> may see the seeker in full: an application to it, through it, or a consent.</summary>
    public async Task<bool> MaySeeInFullAsync(long seekerId, string uscc, CancellationToken cancellationToken) =>
        await db.Applications.AnyAsync(a => a.SeekerId == seekerId && (a.Uscc == uscc || a.AgencyUscc == uscc), cancellationToken)
        || await db.SeekerConsents.AnyAsync(c => c.SeekerId == seekerId && c.Uscc == uscc && c.RevokedAt == null, cancellationToken);

    internal async Task<SeekerView> ViewOfAsync(Seeker seeker, bool unmasked, CancellationToken cancellationToken)
    {
        var phone = seeker.PhoneCipher is { } cipher ? protector.Decrypt(cipher) : null;
        var resume = unmasked
            ? await db.ResumeEntries.AsNoTracking().Where(e => e.SeekerId == seeker.Id).OrderBy(e => e.Kind).ThenByDescending(e => e.From).ThenBy(e => e.Id).ToListAsync(cancellationToken)
            : [];
        var consents = unmasked
            ? await db.SeekerConsents.AsNoTracking().Where(c => c.SeekerId == seeker.Id && c.RevokedAt == null).OrderBy(c => c.Uscc).Select(c => c.Uscc).ToListAsync(cancellationToken)
            : [];
        return new SeekerView(
            seeker.Id, unmasked ? seeker.Name : Masking.Name(seeker.Name), phone is null ? null : unmasked ? phone : Masking.PhoneNumber(phone), unmasked,
            seeker.Kind, seeker.District, seeker.Education, seeker.School, seeker.Major, seeker.GraduationYear, seeker.OriginCounty,
            Split(seeker.Skills), Split(seeker.WantedOccupations), seeker.PayMin, seeker.OpenToRecommendations, resume, consents);
    }

    private static string[] Split(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

}
