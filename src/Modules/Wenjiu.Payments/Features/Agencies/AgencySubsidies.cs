using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Features.Agencies;

/// <summary>One placement as an agency gives it (page, CSV line, API).</summary>
internal sealed record PlacementInput(string? IdNumber, string? EmployerUscc, string? PlacedOn);

/// <summary>What happened to one placement given: recorded (or already recorded), or the field refused and why (a code).</summary>
internal sealed record PlacementOutcome(int Line, long? PlacementId, bool AlreadyRecorded, string? Field, string? Error);

/// <summary>An agency's progress: confirmed persons that count for it, the tier reached and the next one, its claim.</summary>
internal sealed record AgencyProgress(Agency Agency, int Counted, SubsidyTier? Reached, SubsidyTier? Next, SubsidyClaim? Claim, IReadOnlyList<PlacementLine> Placements);

/// <summary>
/// A placement as the agency sees it: the identity number masked (for a referral, as the registry masks it), for a
/// referral the registered name masked, whether it came from a referral, and why it is not (yet) confirmed.
/// </summary>
internal sealed record PlacementLine(long Id, string MaskedIdNumber, string? MaskedName, bool FromReferral, string EmployerUscc, DateOnly PlacedOn, PlacementStatus Status, string? Reason);

/// <summary>A seeker an agency referred, hired by the employer (recruitment's <c>FunnelStageReached</c> at <c>Hired</c>).</summary>
/// <param name="CandidateId">Recruitment's application (candidate) id: the placement's source.</param>
/// <param name="PersonId">The registry's person number (recruitment holds no identity number).</param>
/// <param name="HiredOn">The hire's day in Beijing: the placement date.</param>
internal sealed record ReferralHire(string AgencyUscc, long CandidateId, long PersonId, string EmployerUscc, DateOnly HiredOn);

/// <summary>
/// The HR-agency placement subsidy (issue 9 §6): agencies register (staff verify the licence), record placements, and
/// placements are confirmed from the registry's insured employment (<see cref="IPlacementEvidence"/>, again on
/// <c>InsuredSpellStarted</c>); a person counts once, for the first agency; reaching a tier opens a claim that goes to
/// review (group <c>agency_subsidies</c>) and, approved, to payment — the highest tier reached, once per agency.
/// </summary>
internal sealed class AgencySubsidies(
    PaymentsDbContext db, IPlacementEvidence evidence, IPersonRecords persons, IReviewRequests reviews, PersonalDataProtector protector, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The review kind of an agency's subsidy claim.</summary>
    public const string ClaimKind = "payments.agency_subsidy";

    public const string Group = "agency_subsidies";

    public const string RecordAuditAction = "payments.placement.record";
    public const string ViewAuditAction = "payments.placement.view";

    /// <summary>Who recorded a placement that came from a referral hired in recruitment.</summary>
    public const string ReferralRecorder = "recruitment referral";

    public Task<Agency?> FindAsync(string uscc, CancellationToken cancellationToken = default) =>
        db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Uscc == uscc, cancellationToken);

    /// <summary>Registers the agency a user acts for; an error code for the field when refused.</summary>
    public async Task<(Agency? Agency, string? Error)> RegisterAsync(string uscc, string? name, string? licence, string by, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, "name_required");
        }

        if (string.IsNullOrWhiteSpace(licence) || licence.Trim().Length > 64)
        {
            return (null, "licence_required");
        }

        if (await FindAsync(uscc, cancellationToken) is { } existing)
        {
            return (existing, null);
        }

        var agency = new Agency { Uscc = uscc, Name = name.Trim(), LicenceNumber = licence.Trim(), RegisteredBy = by, RegisteredAt = clock.GetUtcNow() };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(by, "payments.agency.register", $"agency {uscc}", null, cancellationToken);
        return (agency, null);
    }

    public async Task<IReadOnlyList<Agency>> AgenciesAsync(CancellationToken cancellationToken = default) =>
        await db.Agencies.AsNoTracking().OrderBy(a => a.VerifiedAt != null).ThenBy(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>Staff verified the licence (an agency without a verified licence is not paid).</summary>
    public async Task<bool> VerifyAsync(long agencyId, string by, CancellationToken cancellationToken = default)
    {
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        if (agency is null)
        {
            return false;
        }

        if (agency.VerifiedAt is null)
        {
            agency.VerifiedAt = clock.GetUtcNow();
            agency.VerifiedBy = by;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(by, "payments.agency.verify", $"agency {agency.Uscc}", null, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Records placements (each line checked on its own; a placement already recorded for the agency, the same person and
    /// employer, is answered as such), then confirms what it can and opens or raises the claim when a tier is reached.
    /// </summary>
    public async Task<IReadOnlyList<PlacementOutcome>> RecordAsync(Agency agency, IReadOnlyList<PlacementInput> inputs, string by, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(inputs);
        if (idempotencyKey is not null && await db.Placements.AsNoTracking().FirstOrDefaultAsync(p => p.AgencyId == agency.Id && p.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
        {
            return [new PlacementOutcome(1, earlier.Id, true, null, null)];
        }

        var outcomes = new List<PlacementOutcome>();
        var added = new List<Placement>();
        var addedAt = new List<int>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var line = i + 1;
            var input = inputs[i];
            var id = input.IdNumber?.Trim().ToUpperInvariant() ?? "";
            var uscc = input.EmployerUscc?.Trim().ToUpperInvariant() ?? "";
            if (!ResidentIdentityNumber.IsValid(id))
            {
                outcomes.Add(new PlacementOutcome(line, null, false, "id_number", "id_number_invalid"));
                continue;
            }

            if (!UnifiedSocialCreditCode.IsValid(uscc))
            {
                outcomes.Add(new PlacementOutcome(line, null, false, "employer_uscc", "uscc_invalid"));
                continue;
            }

            if (!DateOnly.TryParseExact(input.PlacedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var placedOn))
            {
                outcomes.Add(new PlacementOutcome(line, null, false, "placed_on", "date_invalid"));
                continue;
            }

            var hash = protector.LookupHash(id);
            var existing = added.FirstOrDefault(p => p.EmployerUscc == uscc && p.IdNumberHash is { } h && h.AsSpan().SequenceEqual(hash))
                ?? await db.Placements.FirstOrDefaultAsync(p => p.AgencyId == agency.Id && p.IdNumberHash == hash && p.EmployerUscc == uscc, cancellationToken);
            if (existing is not null)
            {
                outcomes.Add(new PlacementOutcome(line, existing.Id == 0 ? null : existing.Id, true, null, null));
                continue;
            }

            var placement = new Placement
            {
                AgencyId = agency.Id,
                IdNumber = protector.Encrypt(id),
                IdNumberHash = hash,
                Source = PlacementSource.List,
                EmployerUscc = uscc,
                PlacedOn = placedOn,
                Status = PlacementStatus.Pending,
                Reason = PlacementReasons.NoInsuredSpellYet,
                RecordedBy = by,
                RecordedAt = clock.GetUtcNow(),
                IdempotencyKey = inputs.Count == 1 ? idempotencyKey : null,
            };
            db.Placements.Add(placement);
            added.Add(placement);
            addedAt.Add(outcomes.Count);
            outcomes.Add(new PlacementOutcome(line, null, false, null, null));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (added.Count > 0)
        {
            await audit.RecordAsync(by, RecordAuditAction, $"agency {agency.Uscc}", string.Create(CultureInfo.InvariantCulture, $"{{\"placements\":{added.Count}}}"), cancellationToken);
        }

        var result = outcomes.ToList();
        for (var i = 0; i < added.Count; i++)
        {
            result[addedAt[i]] = result[addedAt[i]] with { PlacementId = added[i].Id };
        }

        await ConfirmAsync(db.Placements.Where(p => p.AgencyId == agency.Id && p.Status == PlacementStatus.Pending), by, cancellationToken);
        return result;
    }

    /// <summary>
    /// Records a referral the employer hired as a placement of the referring agency (issue 10 §5): nothing when the
    /// agency is not registered here (not an agency, or one that never registered for the subsidy). The person is the
    /// registry's person number; the hire's day is the placement date. Idempotent: a redelivered hire, or a person the
    /// agency already placed at that employer by its own list, is the one placement (the list's then carries the
    /// referral too). The same confirmation as a listed placement's follows at once and on every new insured spell.
    /// </summary>
    /// <returns>The placement's id, or null when none is recorded.</returns>
    public async Task<long?> RecordReferralAsync(ReferralHire hire, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hire);
        var uscc = hire.EmployerUscc.Trim().ToUpperInvariant();
        if (await FindAsync(hire.AgencyUscc.Trim().ToUpperInvariant(), cancellationToken) is not { } agency || !UnifiedSocialCreditCode.IsValid(uscc))
        {
            return null;
        }

        var existing = await db.Placements.FirstOrDefaultAsync(
            p => p.ReferralCandidateId == hire.CandidateId || (p.AgencyId == agency.Id && p.PersonId == hire.PersonId && p.EmployerUscc == uscc), cancellationToken);
        if (existing is not null)
        {
            if (existing.ReferralCandidateId is null)
            {
                existing.ReferralCandidateId = hire.CandidateId;
                await db.SaveChangesAsync(cancellationToken);
            }

            return existing.Id;
        }

        var placement = new Placement
        {
            AgencyId = agency.Id,
            PersonId = hire.PersonId,
            Source = PlacementSource.Referral,
            ReferralCandidateId = hire.CandidateId,
            EmployerUscc = uscc,
            PlacedOn = hire.HiredOn,
            Status = PlacementStatus.Pending,
            Reason = PlacementReasons.NoInsuredSpellYet,
            RecordedBy = ReferralRecorder,
            RecordedAt = clock.GetUtcNow(),
        };
        db.Placements.Add(placement);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(ReferralRecorder, RecordAuditAction, $"agency {agency.Uscc}",
            string.Create(CultureInfo.InvariantCulture, $"{{\"placements\":1,\"source\":\"referral\",\"candidate\":{hire.CandidateId},\"person\":{hire.PersonId}}}"), cancellationToken);

        // The agency's pending placements at that employer: this one, and a listed one of the same person that may now merge.
        await ConfirmAsync(db.Placements.Where(p => p.AgencyId == agency.Id && p.EmployerUscc == uscc && p.Status == PlacementStatus.Pending), ReferralRecorder, cancellationToken);
        return db.Entry(placement).State == EntityState.Detached ? (await db.Placements.AsNoTracking().FirstAsync(p => p.ReferralCandidateId == hire.CandidateId, cancellationToken)).Id : placement.Id;
    }

    /// <summary>Checks again every pending placement at an employer (a new insured spell started there), then the claims.</summary>
    public Task ConfirmAtEmployerAsync(string uscc, CancellationToken cancellationToken = default) =>
        ConfirmAsync(db.Placements.Where(p => p.EmployerUscc == uscc && p.Status == PlacementStatus.Pending), "system", cancellationToken);

    private async Task ConfirmAsync(IQueryable<Placement> pending, string by, CancellationToken cancellationToken)
    {
        var placements = await pending.ToListAsync(cancellationToken);
        if (placements.Count == 0)
        {
            return;
        }

        // Listed placements are asked by identity number (audited by the registry), referrals by person number.
        var answers = new Dictionary<long, PlacementEvidence>();
        var listed = placements.Where(p => p.IdNumber is not null).ToList();
        if (listed.Count > 0)
        {
            var numbers = listed.ToDictionary(p => p.Id, p => protector.Decrypt(p.IdNumber!));
            var pairs = listed.Select(p => new PersonAtEmployer(numbers[p.Id], p.EmployerUscc)).Distinct().ToList();
            var found = (await evidence.FindAsync(pairs, by, cancellationToken)).ToDictionary(a => (a.IdNumber!, a.Uscc));
            foreach (var p in listed)
            {
                if (found.TryGetValue((numbers[p.Id], p.EmployerUscc), out var answer))
                {
                    answers[p.Id] = answer;
                }
            }
        }

        var referred = placements.Where(p => p.IdNumber is null && p.PersonId is not null).ToList();
        if (referred.Count > 0)
        {
            var pairs = referred.Select(p => new PersonNumberAtEmployer(p.PersonId!.Value, p.EmployerUscc)).Distinct().ToList();
            var found = pairs.Zip(await evidence.FindByPersonAsync(pairs, cancellationToken)).ToDictionary(x => x.First, x => x.Second);
            foreach (var p in referred)
            {
                answers[p.Id] = found[new PersonNumberAtEmployer(p.PersonId!.Value, p.EmployerUscc)];
            }
        }

        await MergeReferralsIntoListAsync(listed, answers, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var now = clock.GetUtcNow();
        foreach (var p in placements)
        {
            if (db.Entry(p).State == EntityState.Detached || !answers.TryGetValue(p.Id, out var answer))
            {
                continue;
            }

            var why = SubsidyRules.WhyNotConfirmed(p.PlacedOn, answer, today);
            p.PersonId = answer.PersonId ?? p.PersonId;
            p.CheckedAt = now;
            p.Reason = why;
            p.Status = why is null ? PlacementStatus.Confirmed : why == PlacementReasons.NoInsuredSpellYet ? PlacementStatus.Pending : PlacementStatus.NotConfirmed;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var agencyId in placements.Select(p => p.AgencyId).Distinct())
        {
            await OpenClaimIfReachedAsync(agencyId, by, cancellationToken);
        }
    }

    /// <summary>
    /// A listed placement whose person the registry now names may be one the same agency's referral already placed at
    /// the same employer: they are one placement. The listed one stays (it holds the number the agency gave), takes the
    /// referral's source and the earlier of the two dates; the referral's row goes, saved first so that the person's
    /// number is free for the listed row under the unique index.
    /// </summary>
    private async Task MergeReferralsIntoListAsync(List<Placement> listed, Dictionary<long, PlacementEvidence> answers, CancellationToken cancellationToken)
    {
        var resolved = listed.Where(p => p.PersonId is null && answers.TryGetValue(p.Id, out var a) && a.PersonId is not null).ToList();
        if (resolved.Count == 0)
        {
            return;
        }

        var personIds = resolved.Select(p => answers[p.Id].PersonId).Distinct().ToList();
        var referrals = await db.Placements.Where(r => r.IdNumber == null && personIds.Contains(r.PersonId)).ToListAsync(cancellationToken);
        var merges = new List<(Placement Listed, Placement Referral)>();
        foreach (var p in resolved)
        {
            if (referrals.FirstOrDefault(r => r.AgencyId == p.AgencyId && r.EmployerUscc == p.EmployerUscc && r.PersonId == answers[p.Id].PersonId) is { } twin)
            {
                merges.Add((p, twin));
                db.Placements.Remove(twin);
            }
        }

        if (merges.Count == 0)
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (p, twin) in merges)
        {
            p.ReferralCandidateId ??= twin.ReferralCandidateId;
            p.PlacedOn = twin.PlacedOn < p.PlacedOn ? twin.PlacedOn : p.PlacedOn;
        }
    }

    /// <summary>
    /// One person's placements meet by the registry's person number; a confirmed placement always has one (the
    /// confirmation needs the person's spells), the number's hash stands in only for rows written confirmed without it.
    /// </summary>
    private static string PersonKey(long? personId, byte[]? idNumberHash) =>
        personId is { } id ? string.Create(CultureInfo.InvariantCulture, $"p{id}") : "h" + Convert.ToHexString(idNumberHash ?? []);

    /// <summary>
    /// The persons that count for <paramref name="agencyId"/>: confirmed placements of persons whose first confirmed
    /// placement (earliest placement date, then the one recorded first) is this agency's.
    /// </summary>
    private async Task<int> CountedAsync(long agencyId, CancellationToken cancellationToken)
    {
        var mine = db.Placements.Where(m => m.AgencyId == agencyId && m.Status == PlacementStatus.Confirmed);
        var confirmed = await db.Placements.AsNoTracking()
            .Where(p => p.Status == PlacementStatus.Confirmed
                && (mine.Any(m => m.PersonId != null && m.PersonId == p.PersonId) || mine.Any(m => m.IdNumberHash != null && m.IdNumberHash == p.IdNumberHash)))
            .Select(p => new { p.Id, p.AgencyId, p.PersonId, p.IdNumberHash, p.PlacedOn })
            .ToListAsync(cancellationToken);
        return confirmed.GroupBy(p => PersonKey(p.PersonId, p.IdNumberHash))
            .Count(g => g.OrderBy(p => p.PlacedOn).ThenBy(p => p.Id).First().AgencyId == agencyId);
    }

    private async Task OpenClaimIfReachedAsync(long agencyId, string by, CancellationToken cancellationToken)
    {
        var counted = await CountedAsync(agencyId, cancellationToken);
        var tiers = SubsidyRules.Tiers(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (SubsidyRules.Reached(counted, tiers) is not { } tier)
        {
            return;
        }

        var claims = await db.SubsidyClaims.Where(c => c.AgencyId == agencyId).ToListAsync(cancellationToken);
        if (claims.Any(c => c.Status == ApplicationStatus.Approved))
        {
            return; // Paid once: a higher tier reached after approval pays nothing more.
        }

        var open = claims.FirstOrDefault(c => c.Status == ApplicationStatus.InReview);
        if (open is not null && open.Tier >= tier.Persons)
        {
            return;
        }

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == agencyId, cancellationToken);
        if (open is not null)
        {
            // Only the highest tier is paid: the undecided claim for a lower tier gives way to this one.
            open.Status = ApplicationStatus.Refused;
            open.DecidedAt = clock.GetUtcNow();
            await reviews.WithdrawAsync(ClaimKind, open.Id.ToString(CultureInfo.InvariantCulture), "superseded by a higher tier", by, cancellationToken);
        }

        var claim = new SubsidyClaim { AgencyId = agencyId, Tier = tier.Persons, ConfirmedPersons = counted, Amount = tier.Amount, Status = ApplicationStatus.InReview, OpenedAt = clock.GetUtcNow() };
        db.SubsidyClaims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        await reviews.OpenAsync(
            new ReviewRequest(
                ClaimKind, claim.Id.ToString(CultureInfo.InvariantCulture), agency.Uscc,
                string.Create(CultureInfo.InvariantCulture, $"人力资源服务机构就业服务补贴 {agency.Name}（{counted}人，{tier.Persons}人档）"),
                string.Create(CultureInfo.InvariantCulture, $"HR agency placement subsidy {agency.Name} ({counted} persons, tier {tier.Persons})"),
                tier.Amount, claim.OpenedAt.AddDays(20), Group, 20,
                [new("licence_not_verified", "许可证未核验", "licence not verified"), new("placements_disputed", "介绍就业情况经核实不符", "placements found not to hold")],
                "/Payments/Agencies"),
            by, cancellationToken);
    }

    /// <summary>The agency's progress and placements (identity numbers masked); the view is audited.</summary>
    public async Task<AgencyProgress?> ProgressAsync(string uscc, string by, CancellationToken cancellationToken = default)
    {
        var agency = await FindAsync(uscc, cancellationToken);
        if (agency is null)
        {
            return null;
        }

        var counted = await CountedAsync(agency.Id, cancellationToken);
        var tiers = SubsidyRules.Tiers(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var claim = await db.SubsidyClaims.AsNoTracking().Where(c => c.AgencyId == agency.Id).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var placements = await db.Placements.AsNoTracking().Where(p => p.AgencyId == agency.Id).OrderByDescending(p => p.Id).Take(500).ToListAsync(cancellationToken);
        var firstElsewhere = await FirstElsewhereAsync(agency.Id, placements, cancellationToken);
        // A referral's person (a seeker who consented to the agency) is shown by the registry's masked number and name:
        // recruitment's referrals carry no identity number. A listed person shows only the number the agency typed, so
        // that typing a number teaches the agency no name.
        var referred = placements.Where(p => p.ReferralCandidateId is not null).Select(p => p.PersonId).OfType<long>().Distinct().ToList();
        IReadOnlyDictionary<long, PersonRecord> known = referred.Count == 0 ? new Dictionary<long, PersonRecord>() : await persons.FindAsync(referred, cancellationToken);
        var lines = placements.Select(p =>
        {
            var person = p.ReferralCandidateId is not null && p.PersonId is { } id ? known.GetValueOrDefault(id) : null;
            var number = p.IdNumber is { } cipher ? Masking.IdentityNumber(protector.Decrypt(cipher)) : person?.MaskedIdNumber ?? "";
            return new PlacementLine(
                p.Id, number, person?.MaskedName, p.ReferralCandidateId is not null, p.EmployerUscc, p.PlacedOn, p.Status,
                p.Status == PlacementStatus.Confirmed && firstElsewhere.Contains(p.Id) ? PlacementReasons.CountedForAnotherAgency : p.Reason);
        }).ToList();
        await audit.RecordAsync(by, ViewAuditAction, $"agency {uscc}", string.Create(CultureInfo.InvariantCulture, $"{{\"placements\":{lines.Count},\"masked\":true}}"), cancellationToken);
        return new AgencyProgress(agency, counted, SubsidyRules.Reached(counted, tiers), SubsidyRules.Next(counted, tiers), claim, lines);
    }

    private async Task<HashSet<long>> FirstElsewhereAsync(long agencyId, IReadOnlyList<Placement> mine, CancellationToken cancellationToken)
    {
        var confirmed = mine.Where(p => p.Status == PlacementStatus.Confirmed).ToList();
        if (confirmed.Count == 0)
        {
            return [];
        }

        var personIds = confirmed.Select(p => p.PersonId).Where(id => id is not null).Distinct().ToList();
        var hashes = confirmed.Where(p => p.PersonId is null).Select(p => p.IdNumberHash).Where(h => h is not null).ToList();
        var all = await db.Placements.AsNoTracking()
            .Where(p => p.Status == PlacementStatus.Confirmed && (personIds.Contains(p.PersonId) || hashes.Contains(p.IdNumberHash)))
            .Select(p => new { p.Id, p.AgencyId, p.PersonId, p.IdNumberHash, p.PlacedOn }).ToListAsync(cancellationToken);
        var firsts = all.GroupBy(p => PersonKey(p.PersonId, p.IdNumberHash)).Select(g => g.OrderBy(p => p.PlacedOn).ThenBy(p => p.Id).First()).Where(f => f.AgencyId != agencyId)
            .Select(f => PersonKey(f.PersonId, f.IdNumberHash)).ToHashSet(StringComparer.Ordinal);
        return confirmed.Where(p => firsts.Contains(PersonKey(p.PersonId, p.IdNumberHash))).Select(p => p.Id).ToHashSet();
    }
}
