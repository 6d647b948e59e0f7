using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Features.Postings;

/// <summary>What an enterprise user (or staff) writes to publish an ordinary posting.</summary>
internal sealed record PostingDraft(
    string TitleZh, string TitleEn, string Occupation, string District, decimal PayMin, decimal PayMax, Education Education,
    IReadOnlyList<string>? Skills = null, string? DescriptionZh = null, string? DescriptionEn = null);

/// <summary>A posting as the API's body or the enterprise's form gives it, unparsed (codes in snake case, pay in yuan a month).</summary>
internal sealed record PostingInput(
    string? TitleZh, string? TitleEn, string? Occupation, string? District, decimal? PayMin, decimal? PayMax, string? Education,
    IReadOnlyList<string>? Skills, string? DescriptionZh, string? DescriptionEn);

/// <summary>What an enterprise's create or edit came to: the posting, or the errors by field (message keys); <see cref="Repeated"/> when the key had made it already.</summary>
internal sealed record PostingOutcome(Posting? Posting, IReadOnlyDictionary<string, string> Errors, bool Repeated = false);

/// <summary>
/// Every change to a posting goes through here, and each writes a <see cref="PostingChange"/> in the same SaveChanges:
/// the change sequence the nodes' indexes tail and the changes feed serves.
/// </summary>
internal sealed class Postings(RecruitmentDbContext db, TimeProvider clock, IOptions<PostingOptions> options, IEmployerDirectory directory)
{
    /// <summary>The input as a draft, or its errors by field: the draft's rules (<see cref="Validate(PostingDraft)"/>) and an education code.</summary>
    public static (PostingDraft? Draft, Dictionary<string, string> Errors) Parse(PostingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var education = Seekers.Seekers.EducationOf(input.Education);
        var draft = new PostingDraft(
            input.TitleZh ?? "", input.TitleEn ?? "", input.Occupation ?? "", input.District ?? "", input.PayMin ?? 0m, input.PayMax ?? 0m,
            education ?? Education.None, input.Skills, input.DescriptionZh, input.DescriptionEn);
        var errors = Validate(draft);
        if (education is null)
        {
            errors[nameof(draft.Education)] = "Seeker.Error.Education";
        }

        return (errors.Count == 0 ? draft : null, errors);
    }

    /// <summary>
    /// An enterprise publishes an ordinary posting for its own employer <paramref name="uscc"/> (the API's POST and the
    /// form both): the key is required, and a repeat with the same key answers the first posting instead of a second.
    /// Null when the employer is not in the registry's directory.
    /// </summary>
    public async Task<PostingOutcome?> CreateOwnAsync(string uscc, string? idempotencyKey, PostingInput input, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await directory.NameAsync(uscc, cancellationToken) is not { } employerName)
        {
            return null;
        }

        var key = idempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > 100)
        {
            return new PostingOutcome(null, new Dictionary<string, string>(StringComparer.Ordinal) { ["IdempotencyKey"] = "Application.Error.Key" });
        }

        if (await db.Postings.AsNoTracking().FirstOrDefaultAsync(p => p.Uscc == uscc && p.IdempotencyKey == key, cancellationToken) is { } repeated)
        {
            return new PostingOutcome(repeated, new Dictionary<string, string>(), Repeated: true);
        }

        var (draft, errors) = Parse(input);
        if (draft is null)
        {
            return new PostingOutcome(null, errors);
        }

        try
        {
            // Ordinary postings are not flagged key-enterprise: a key enterprise's demand is published from its ledger lines.
            return new PostingOutcome(await PublishAsync(uscc, employerName, draft, by, keyEnterprise: false, cancellationToken, key), errors);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry with the same key published first (unique per employer and key).
            db.ChangeTracker.Clear();
            return new PostingOutcome(await db.Postings.AsNoTracking().SingleAsync(p => p.Uscc == uscc && p.IdempotencyKey == key, cancellationToken), errors, Repeated: true);
        }
    }

    /// <summary>The enterprise's change to its own ordinary posting (found with <see cref="OwnAsync"/>): the errors, or the posting changed.</summary>
    public async Task<PostingOutcome> EditOwnAsync(Posting posting, PostingInput input, CancellationToken cancellationToken)
    {
        var (draft, errors) = Parse(input);
        return draft is null ? new PostingOutcome(null, errors) : new PostingOutcome(await EditAsync(posting, draft, cancellationToken), errors);
    }

    /// <summary>The user's own ordinary posting (any for the administrator), tracked for a change; null (404) otherwise: a ledger line's posting changes through its line.</summary>
    public async Task<Posting?> OwnAsync(long id, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Postings.FirstOrDefaultAsync(p => p.Id == id && p.DemandLineId == null, cancellationToken) is { } posting && user.MayFor(Permissions.ManagePostings, posting.Uscc)
            ? posting
            : null;

    /// <summary>The draft's errors by field (empty when it may be published): codes from the taxonomy, pay a sane range.</summary>
    public static Dictionary<string, string> Validate(PostingDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(draft.TitleZh) && string.IsNullOrWhiteSpace(draft.TitleEn))
        {
            errors[nameof(draft.TitleZh)] = "Posting.Error.Title";
        }

        if (!OccupationTaxonomy.Occupations.Any(o => o.Code == draft.Occupation))
        {
            errors[nameof(draft.Occupation)] = "Posting.Error.Occupation";
        }

        if (!Districts.All.Any(d => d.Code == draft.District))
        {
            errors[nameof(draft.District)] = "Posting.Error.District";
        }

        if (draft.PayMin <= 0 || draft.PayMax < draft.PayMin || draft.PayMax > 1_000_000m)
        {
            errors[nameof(draft.PayMin)] = "Posting.Error.Pay";
        }

        if (draft.Skills?.Any(s => !OccupationTaxonomy.Skills.Any(k => k.Code == s)) == true)
        {
            errors[nameof(draft.Skills)] = "Posting.Error.Skills";
        }

        return errors;
    }

    public async Task<Posting> PublishAsync(string uscc, string employerName, PostingDraft draft, string by, bool keyEnterprise, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        var posting = new Posting
        {
            Uscc = uscc,
            EmployerName = employerName,
            TitleZh = draft.TitleZh.Trim(),
            TitleEn = draft.TitleEn.Trim(),
            DescriptionZh = draft.DescriptionZh ?? "",
            DescriptionEn = draft.DescriptionEn ?? "",
            Occupation = draft.Occupation,
            Skills = string.Join(' ', draft.Skills ?? []),
            District = draft.District,
            PayMin = draft.PayMin,
            PayMax = draft.PayMax,
            Education = draft.Education,
            PostedOn = BeijingTime.DayOf(clock.GetUtcNow()),
            RefreshedAt = now,
            Status = PostingStatus.Open,
            KeyEnterprise = keyEnterprise,
            CreatedBy = by,
            ChangedAt = now,
            IdempotencyKey = idempotencyKey,
        };
        db.Postings.Add(posting);
        await db.SaveChangesAsync(cancellationToken);
        await RecordChangeAsync(posting, now, cancellationToken);
        return posting;
    }

    /// <summary>An enterprise's changes to its posting: the draft's fields replace the posting's; one change in the sequence.</summary>
    public async Task<Posting> EditAsync(Posting posting, PostingDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posting);
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        posting.TitleZh = draft.TitleZh.Trim();
        posting.TitleEn = draft.TitleEn.Trim();
        posting.DescriptionZh = draft.DescriptionZh ?? "";
        posting.DescriptionEn = draft.DescriptionEn ?? "";
        posting.Occupation = draft.Occupation;
        posting.Skills = string.Join(' ', draft.Skills ?? []);
        posting.District = draft.District;
        posting.PayMin = draft.PayMin;
        posting.PayMax = draft.PayMax;
        posting.Education = draft.Education;
        posting.TaxonomyVersion = OccupationTaxonomy.Version;
        posting.ChangedAt = now;
        await RecordChangeAsync(posting, now, cancellationToken);
        return posting;
    }

    /// <summary>The enterprise confirms an open posting is still wanted: the stale rule counts from now.</summary>
    public async Task<Posting> RefreshAsync(Posting posting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posting);
        posting.RefreshedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return posting;
    }

    /// <summary>The open/closed switch; opening again counts as a refresh.</summary>
    public async Task<Posting?> SwitchAsync(long id, bool open, CancellationToken cancellationToken)
    {
        var posting = await db.Postings.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (posting is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        posting.Status = open ? PostingStatus.Open : PostingStatus.Closed;
        posting.ClosedReason = open ? ClosedReason.None : ClosedReason.Switched;
        if (open)
        {
            posting.RefreshedAt = now;
        }

        posting.ChangedAt = now;
        await RecordChangeAsync(posting, now, cancellationToken);
        return posting;
    }

    /// <summary>
    /// A ledger line as it now is: an open line is (re)published as its posting, a frozen, filled or closed one closes it.
    /// Idempotent: the same line delivered twice makes one posting (a unique index on the line).
    /// </summary>
    public async Task<Posting?> ApplyLineAsync(DemandLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var now = clock.GetUtcNow();
        var posting = await db.Postings.SingleOrDefaultAsync(p => p.DemandLineId == line.Id, cancellationToken);
        var open = line.Status == DemandLineStatus.Open;
        if (posting is null)
        {
            if (!open)
            {
                return null;
            }

            posting = new Posting
            {
                Uscc = line.Uscc, EmployerName = line.EmployerName, TitleZh = line.TitleZh, TitleEn = line.TitleEn, Occupation = line.Occupation,
                District = line.District, DemandLineId = line.Id, PostedOn = BeijingTime.DayOf(clock.GetUtcNow()), CreatedBy = "ledger",
            };
            db.Postings.Add(posting);
        }

        posting.EmployerName = line.EmployerName;
        posting.TitleZh = line.TitleZh;
        posting.TitleEn = line.TitleEn;
        posting.Occupation = line.Occupation;
        posting.District = line.District;
        posting.PayMin = line.PayMin;
        posting.PayMax = line.PayMax;
        posting.Skills = string.Join(' ', line.MustHaveSkills.Concat(line.NiceToHaveSkills).Distinct(StringComparer.Ordinal));
        posting.DescriptionZh = line.Site;
        posting.DescriptionEn = line.Shifts;
        posting.KeyEnterprise = true;
        posting.Status = open ? PostingStatus.Open : PostingStatus.Closed;
        posting.ClosedReason = open ? ClosedReason.None : ClosedReason.LineClosed;
        posting.RefreshedAt = line.UpdatedAt > posting.RefreshedAt ? line.UpdatedAt : posting.RefreshedAt;
        if (open && posting.RefreshedAt < now.AddDays(-1))
        {
            posting.RefreshedAt = now;
        }

        posting.ChangedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await RecordChangeAsync(posting, now, cancellationToken);
        return posting;
    }

    /// <summary>Unpublishes every open posting not refreshed within the stale period; how many.</summary>
    public async Task<int> UnpublishStaleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var before = now.AddDays(-options.Value.StaleAfterDays);
        var stale = await db.Postings.Where(p => p.Status == PostingStatus.Open && p.RefreshedAt < before).ToListAsync(cancellationToken);
        foreach (var posting in stale)
        {
            posting.Status = PostingStatus.Closed;
            posting.ClosedReason = ClosedReason.Stale;
            posting.ChangedAt = now;
            db.PostingChanges.Add(new PostingChange { PostingId = posting.Id, At = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        return stale.Count;
    }

    private async Task RecordChangeAsync(Posting posting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.PostingChanges.Add(new PostingChange { PostingId = posting.Id, At = now });
        await db.SaveChangesAsync(cancellationToken);
    }
}
