using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Features.Fairs;

internal sealed record FairResult<T>(IReadOnlyDictionary<string, string> Errors, T? Value, bool Repeated = false)
    where T : class
{
    public static FairResult<T> Failed(string field, string key) => new(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = key }, null);
}

internal sealed record CampaignInput(string? Kind, string? NameZh, string? NameEn, DateOnly? StartsOn, DateOnly? EndsOn);

internal sealed record FairInput(long? CampaignId, string? NameZh, string? NameEn, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? RegistrationClosesAt);

/// <summary>What a fair or a campaign has done so far, counted live from the booths, queues, applications and their stage changes.</summary>
/// <param name="FairsHeld">Fairs that have opened (running or ended).</param>
/// <param name="Jobs">Distinct postings shown at the booths.</param>
/// <param name="Applications">Applications to those postings made while their fair was open.</param>
/// <param name="Interviews">Those postings' applicants moved to interview while their fair was open.</param>
/// <param name="Hires">Those postings' applicants hired while their fair was open or after it (until the campaign's end, or now).</param>
/// <param name="Queued">Seekers who joined a booth's queue.</param>
/// <param name="Seen">Queue entries the booth finished with.</param>
internal sealed record FairStats(int FairsHeld, int Booths, int Jobs, int Applications, int Interviews, int Hires, int Queued, int Seen);

internal sealed record BoothView(Booth Booth, IReadOnlyList<Posting> Postings, int Waiting, int? MyNumber, QueueStatus? MyStatus, int? AheadOfMe);

internal sealed record FairView(Fair Fair, Campaign? Campaign, IReadOnlyList<BoothView> Urgent, IReadOnlyList<BoothView> Others, FairStats Stats);

/// <summary>
/// Campaigns and online fairs (issue 10 §5): staff create them; an employer registers a booth with its open postings
/// until registration closes (key enterprises stand in the urgent-hiring column, most urgent line first); a seeker
/// joins a booth's live queue while the fair is open and is called in by the booth; statistics are counted live.
/// </summary>
internal sealed class Fairs(RecruitmentDbContext db, IDemandLedger ledger, TimeProvider clock)
{
    public static Dictionary<string, string> Validate(CampaignInput input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Enum.TryParse<CampaignKind>(input.Kind?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out _))
        {
            errors[nameof(input.Kind)] = "Fair.Error.Kind";
        }

        if (string.IsNullOrWhiteSpace(input.NameZh) || input.NameZh.Length > 200)
        {
            errors[nameof(input.NameZh)] = "Fair.Error.Name";
        }

        if (string.IsNullOrWhiteSpace(input.NameEn) || input.NameEn.Length > 200)
        {
            errors[nameof(input.NameEn)] = "Fair.Error.Name";
        }

        if (input.StartsOn is null || input.EndsOn is null || input.EndsOn < input.StartsOn)
        {
            errors[nameof(input.EndsOn)] = "Fair.Error.Period";
        }

        return errors;
    }

    public static Dictionary<string, string> Validate(FairInput input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.NameZh) || input.NameZh.Length > 200)
        {
            errors[nameof(input.NameZh)] = "Fair.Error.Name";
        }

        if (string.IsNullOrWhiteSpace(input.NameEn) || input.NameEn.Length > 200)
        {
            errors[nameof(input.NameEn)] = "Fair.Error.Name";
        }

        if (input.StartsAt is null || input.EndsAt is null || input.EndsAt <= input.StartsAt)
        {
            errors[nameof(input.EndsAt)] = "Fair.Error.Period";
        }
        else if (input.RegistrationClosesAt is { } closes && closes > input.EndsAt)
        {
            errors[nameof(input.RegistrationClosesAt)] = "Fair.Error.RegistrationCloses";
        }

        return errors;
    }

    public async Task<FairResult<Campaign>> CreateCampaignAsync(CampaignInput input, string by, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var campaign = new Campaign
        {
            Kind = Enum.Parse<CampaignKind>(input.Kind!.Replace("_", "", StringComparison.Ordinal), ignoreCase: true), NameZh = input.NameZh!.Trim(),
            NameEn = input.NameEn!.Trim(), StartsOn = input.StartsOn!.Value, EndsOn = input.EndsOn!.Value, CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return new(new Dictionary<string, string>(), campaign);
    }

    public async Task<FairResult<Fair>> CreateFairAsync(FairInput input, string by, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (input.CampaignId is { } campaignId && !await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            errors[nameof(input.CampaignId)] = "Fair.Error.Campaign";
        }

        if (errors.Count > 0)
        {
            return new(errors, null);
        }

        var fair = new Fair
        {
            CampaignId = input.CampaignId, NameZh = input.NameZh!.Trim(), NameEn = input.NameEn!.Trim(), StartsAt = input.StartsAt!.Value.ToUniversalTime(),
            EndsAt = input.EndsAt!.Value.ToUniversalTime(), RegistrationClosesAt = (input.RegistrationClosesAt ?? input.EndsAt!.Value).ToUniversalTime(),
            CreatedBy = by, CreatedAt = clock.GetUtcNow(),
        };
        db.Fairs.Add(fair);
        await db.SaveChangesAsync(cancellationToken);
        return new(new Dictionary<string, string>(), fair);
    }

    public Task<Fair?> FindAsync(long fairId, CancellationToken cancellationToken) => db.Fairs.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fairId, cancellationToken);

    public async Task<IReadOnlyList<(Campaign? Campaign, IReadOnlyList<Fair> Fairs)>> ListAsync(CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).ToListAsync(cancellationToken);
        var fairs = await db.Fairs.AsNoTracking().ToListAsync(cancellationToken);
        var list = campaigns.Select(c => ((Campaign?)c, (IReadOnlyList<Fair>)[.. fairs.Where(f => f.CampaignId == c.Id).OrderBy(f => f.StartsAt)])).ToList();
        var loose = fairs.Where(f => f.CampaignId is null).OrderBy(f => f.StartsAt).ToList();
        if (loose.Count > 0)
        {
            list.Add((null, loose));
        }

        return list;
    }

    /// <summary>
    /// Registers (or changes) the employer's booth with these postings, which must be its own and open. Refused after
    /// registration closed. Repeating it changes the postings shown, never makes a second booth.
    /// </summary>
    public async Task<FairResult<Booth>> RegisterBoothAsync(long fairId, string uscc, IReadOnlyCollection<long> postingIds, string by, CancellationToken cancellationToken)
    {
        var fair = await FindAsync(fairId, cancellationToken);
        if (fair is null)
        {
            return FairResult<Booth>.Failed("FairId", "Fair.Error.NotFound");
        }

        if (clock.GetUtcNow() > fair.RegistrationClosesAt)
        {
            return FairResult<Booth>.Failed("FairId", "Fair.Error.RegistrationClosed");
        }

        var ids = postingIds.Distinct().ToList();
        var postings = await db.Postings.AsNoTracking().Where(p => ids.Contains(p.Id) && p.Uscc == uscc && p.Status == PostingStatus.Open).ToListAsync(cancellationToken);
        if (ids.Count == 0 || postings.Count != ids.Count)
        {
            return FairResult<Booth>.Failed("PostingIds", "Fair.Error.Postings");
        }

        var urgency = 0m;
        foreach (var lineId in postings.Where(p => p.DemandLineId is not null).Select(p => p.DemandLineId!.Value))
        {
            if (await ledger.FindLineAsync(lineId, cancellationToken) is { Status: DemandLineStatus.Open } line)
            {
                urgency = Math.Max(urgency, line.Urgency);
            }
        }

        var booth = await db.Booths.FirstOrDefaultAsync(b => b.FairId == fairId && b.Uscc == uscc, cancellationToken);
        var repeated = booth is not null;
        if (booth is null)
        {
            booth = new Booth { FairId = fairId, Uscc = uscc, EmployerName = postings[0].EmployerName, RegisteredAt = clock.GetUtcNow(), RegisteredBy = by };
            db.Booths.Add(booth);
        }

        booth.PostingIds = string.Join(' ', ids.Order());
        booth.KeyEnterprise = postings.Any(p => p.KeyEnterprise);
        booth.Urgency = urgency;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!repeated)
        {
            // The same employer registered at the same moment from another window: the other one made the booth.
            db.ChangeTracker.Clear();
            return await RegisterBoothAsync(fairId, uscc, postingIds, by, cancellationToken);
        }

        return new(new Dictionary<string, string>(), booth, repeated);
    }

    /// <summary>
    /// The seeker takes a number in the booth's queue while the fair is open. Joining again while waiting or called gives
    /// the same ticket; after leaving or being seen, a new number at the end.
    /// </summary>
    public async Task<FairResult<QueueEntry>> JoinQueueAsync(long boothId, long seekerId, CancellationToken cancellationToken)
    {
        var booth = await db.Booths.AsNoTracking().FirstOrDefaultAsync(b => b.Id == boothId, cancellationToken);
        var fair = booth is null ? null : await FindAsync(booth.FairId, cancellationToken);
        if (booth is null || fair is null)
        {
            return FairResult<QueueEntry>.Failed("BoothId", "Fair.Error.NotFound");
        }

        var now = clock.GetUtcNow();
        if (now < fair.StartsAt || now > fair.EndsAt)
        {
            return FairResult<QueueEntry>.Failed("BoothId", "Fair.Error.NotOpen");
        }

        for (var attempt = 0; ; attempt++)
        {
            var entry = await db.QueueEntries.FirstOrDefaultAsync(q => q.BoothId == boothId && q.SeekerId == seekerId, cancellationToken);
            if (entry is { Status: QueueStatus.Waiting or QueueStatus.Called })
            {
                return new(new Dictionary<string, string>(), entry, Repeated: true);
            }

            var number = 1 + (await db.QueueEntries.Where(q => q.BoothId == boothId).MaxAsync(q => (int?)q.Number, cancellationToken) ?? 0);
            if (entry is null)
            {
                entry = new QueueEntry { BoothId = boothId, SeekerId = seekerId };
                db.QueueEntries.Add(entry);
            }

            entry.Number = number;
            entry.Status = QueueStatus.Waiting;
            entry.JoinedAt = now;
            entry.CalledAt = null;
            entry.DoneAt = null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new(new Dictionary<string, string>(), entry);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another seeker took the number (or this seeker's double click made the ticket): read again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The seeker leaves the queue (or the booth marks a called seeker who did not come).</summary>
    public async Task<bool> LeaveAsync(long boothId, long seekerId, CancellationToken cancellationToken) =>
        await db.QueueEntries.Where(q => q.BoothId == boothId && q.SeekerId == seekerId && (q.Status == QueueStatus.Waiting || q.Status == QueueStatus.Called))
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.Status, QueueStatus.Left).SetProperty(q => q.DoneAt, clock.GetUtcNow()), cancellationToken) > 0;

    /// <summary>The booth finishes with whoever it had called and calls the lowest waiting number; null when nobody waits.</summary>
    public async Task<QueueEntry?> CallNextAsync(long boothId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.QueueEntries.Where(q => q.BoothId == boothId && q.Status == QueueStatus.Called)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.Status, QueueStatus.Seen).SetProperty(q => q.DoneAt, now), cancellationToken);
        while (true)
        {
            var next = await db.QueueEntries.Where(q => q.BoothId == boothId && q.Status == QueueStatus.Waiting).OrderBy(q => q.Number).FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return null;
            }

            // Only the call that changes it from waiting wins (two staff at one booth, or a seeker leaving at that moment).
            var called = await db.QueueEntries.Where(q => q.Id == next.Id && q.Status == QueueStatus.Waiting)
                .ExecuteUpdateAsync(u => u.SetProperty(q => q.Status, QueueStatus.Called).SetProperty(q => q.CalledAt, now), cancellationToken);
            if (called == 1)
            {
                next.Status = QueueStatus.Called;
                next.CalledAt = now;
                return next;
            }

            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The booth's queue, in order: the called one and those waiting.</summary>
    public async Task<IReadOnlyList<QueueEntry>> QueueAsync(long boothId, CancellationToken cancellationToken) =>
        await db.QueueEntries.AsNoTracking().Where(q => q.BoothId == boothId && (q.Status == QueueStatus.Waiting || q.Status == QueueStatus.Called))
            .OrderBy(q => q.Number).ToListAsync(cancellationToken);

    public Task<Booth?> BoothAsync(long boothId, CancellationToken cancellationToken) => db.Booths.AsNoTracking().FirstOrDefaultAsync(b => b.Id == boothId, cancellationToken);

    /// <summary>The fair with its booths (the urgent-hiring column first), the seeker's own place in each queue, and its statistics.</summary>
    public async Task<FairView?> ViewAsync(long fairId, long? seekerId, CancellationToken cancellationToken)
    {
        var fair = await FindAsync(fairId, cancellationToken);
        if (fair is null)
        {
            return null;
        }

        var campaign = fair.CampaignId is { } c ? await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == c, cancellationToken) : null;
        var booths = await db.Booths.AsNoTracking().Where(b => b.FairId == fairId).ToListAsync(cancellationToken);
        var boothIds = booths.Select(b => b.Id).ToList();
        var postingIds = booths.SelectMany(b => Ids(b.PostingIds)).Distinct().ToList();
        var postings = await db.Postings.AsNoTracking().Where(p => postingIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var queues = await db.QueueEntries.AsNoTracking().Where(q => boothIds.Contains(q.BoothId) && (q.Status == QueueStatus.Waiting || q.Status == QueueStatus.Called))
            .Select(q => new { q.BoothId, q.SeekerId, q.Number, q.Status }).ToListAsync(cancellationToken);
        var views = booths.Select(b =>
        {
            var queue = queues.Where(q => q.BoothId == b.Id).ToList();
            var mine = seekerId is { } s ? queue.FirstOrDefault(q => q.SeekerId == s) : null;
            return new BoothView(
                b, [.. Ids(b.PostingIds).Select(postings.GetValueOrDefault).OfType<Posting>()], queue.Count(q => q.Status == QueueStatus.Waiting), mine?.Number, mine?.Status,
                mine is null ? null : queue.Count(q => q.Status == QueueStatus.Waiting && q.Number < mine.Number));
        }).ToList();
        return new FairView(
            fair, campaign,
            [.. views.Where(v => v.Booth.KeyEnterprise).OrderByDescending(v => v.Booth.Urgency).ThenBy(v => v.Booth.Id)],
            [.. views.Where(v => !v.Booth.KeyEnterprise).OrderBy(v => v.Booth.Id)],
            await StatsAsync([fair], cancellationToken));
    }

    public async Task<FairStats?> FairStatsAsync(long fairId, CancellationToken cancellationToken) =>
        await FindAsync(fairId, cancellationToken) is { } fair ? await StatsAsync([fair], cancellationToken) : null;

    public async Task<FairStats?> CampaignStatsAsync(long campaignId, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return null;
        }

        return await StatsAsync(await db.Fairs.AsNoTracking().Where(f => f.CampaignId == campaignId).ToListAsync(cancellationToken), cancellationToken);
    }

    private async Task<FairStats> StatsAsync(IReadOnlyList<Fair> fairs, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fairIds = fairs.Select(f => f.Id).ToList();
        var booths = await db.Booths.AsNoTracking().Where(b => fairIds.Contains(b.FairId)).Select(b => new { b.Id, b.FairId, b.PostingIds }).ToListAsync(cancellationToken);
        var boothIds = booths.Select(b => b.Id).ToList();

        // Each posting counts for the fairs it was shown at; an application counts once, at the first fair it falls in.
        var windows = booths.SelectMany(b => Ids(b.PostingIds).Select(p => (Posting: p, Fair: fairs.First(f => f.Id == b.FairId)))).ToList();
        var postingIds = windows.Select(w => w.Posting).Distinct().ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => postingIds.Contains(a.PostingId)).Select(a => new { a.Id, a.PostingId, a.AppliedAt }).ToListAsync(cancellationToken);
        var applicationIds = applications.Select(a => a.Id).ToList();
        var changes = await db.ApplicationStageChanges.AsNoTracking()
            .Where(c => applicationIds.Contains(c.ApplicationId) && (c.To == ApplicationStage.Interview || c.To == ApplicationStage.Hired))
            .Select(c => new { c.ApplicationId, c.To, c.At }).ToListAsync(cancellationToken);
        var postingOf = applications.ToDictionary(a => a.Id, a => a.PostingId);
        bool During(long postingId, DateTimeOffset at, bool orAfter) =>
            windows.Any(w => w.Posting == postingId && at >= w.Fair.StartsAt && (orAfter || at <= w.Fair.EndsAt));
        var queue = await db.QueueEntries.AsNoTracking().Where(q => boothIds.Contains(q.BoothId)).Select(q => q.Status).ToListAsync(cancellationToken);
        return new FairStats(
            fairs.Count(f => f.StartsAt <= now), booths.Count, postingIds.Count,
            applications.Count(a => During(a.PostingId, a.AppliedAt, orAfter: false)),
            changes.Where(c => c.To == ApplicationStage.Interview && During(postingOf[c.ApplicationId], c.At, orAfter: false)).Select(c => c.ApplicationId).Distinct().Count(),
            changes.Where(c => c.To == ApplicationStage.Hired && During(postingOf[c.ApplicationId], c.At, orAfter: true)).Select(c => c.ApplicationId).Distinct().Count(),
            queue.Count, queue.Count(s => s == QueueStatus.Seen));
    }

    private static IEnumerable<long> Ids(string spaced) =>
        spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
}
