using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Events;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;

namespace Wenjiu.Recruitment.Features.Applications;

/// <summary>What an apply or a move did: the errors by field (message keys), <see cref="NotFound"/>, or the application.</summary>
internal sealed record ApplicationResult(IReadOnlyDictionary<string, string> Errors, Application? Application, bool Repeated = false, bool NotFound = false)
{
    public static ApplicationResult Missing { get; } = new(new Dictionary<string, string>(), null, NotFound: true);

    public static ApplicationResult Failed(string field, string key) => new(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = key }, null);
}

/// <summary>An application as its seeker lists it: the posting, the stage, the refusal's reason (shown politely).</summary>
internal sealed record MyApplication(long Id, long PostingId, string TitleZh, string TitleEn, string EmployerName, ApplicationStage Stage, RefusalReason RefusalReason, DateTimeOffset AppliedAt, DateTimeOffset StageChangedAt);

/// <summary>An applicant on an employer's pipeline board, with the employer's other postings the same person applied to.</summary>
internal sealed record Applicant(long Id, long SeekerId, string Name, ApplicationStage Stage, RefusalReason RefusalReason, ApplicationRoutes Routes, DateTimeOffset AppliedAt, int NoShows, IReadOnlyList<OtherApplication> AlsoApplied);

internal sealed record OtherApplication(long PostingId, string TitleZh, string TitleEn);

/// <summary>
/// Applications and the pipeline (issue 10 §4). Apply is idempotent twice over: a retry with the same
/// <c>Idempotency-Key</c> answers the first application, and the unique (posting, seeker) makes a double click, a
/// concurrent retry or the same person arriving by another route (an agency's recommendation) one application, the
/// later arrival merged into it. Each stage change is recorded with who and when and published as
/// <see cref="FunnelStageReached"/> in the same transaction (the outbox), for the stages the ledger's funnel counts.
/// </summary>
internal sealed class Applications(RecruitmentDbContext db, IAuditLog audit, TimeProvider clock)
{
    public const string PipelineViewAction = "seeker.unmasked.pipeline";

    /// <summary>The forward order of the pipeline; refused and withdrawn leave it from any open stage.</summary>
    private static readonly ApplicationStage[] Forward = [ApplicationStage.Applied, ApplicationStage.Screening, ApplicationStage.Interview, ApplicationStage.Offer, ApplicationStage.Hired];

    public static bool IsClosed(ApplicationStage stage) => stage is ApplicationStage.Hired or ApplicationStage.Refused or ApplicationStage.Withdrawn;

    /// <summary>The funnel's stage a pipeline stage reports (screening and offer are the employer's own steps: the funnel has none).</summary>
    public static FunnelStage? FunnelStageOf(ApplicationStage stage) => stage switch
    {
        ApplicationStage.Applied => FunnelStage.Applied,
        ApplicationStage.Interview => FunnelStage.Interviewed,
        ApplicationStage.Hired => FunnelStage.Hired,
        ApplicationStage.Refused => FunnelStage.Refused,
        ApplicationStage.Withdrawn => FunnelStage.Withdrawn,
        _ => null,
    };

    public async Task<ApplicationResult> ApplyAsync(Seeker seeker, long postingId, string? idempotencyKey, ApplicationRoutes route, string? agencyUscc, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        var key = idempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > 100)
        {
            return ApplicationResult.Failed("IdempotencyKey", "Application.Error.Key");
        }

        if (await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.SeekerId == seeker.Id && a.IdempotencyKey == key, cancellationToken) is { } retried)
        {
            return retried.PostingId == postingId
                ? new ApplicationResult(new Dictionary<string, string>(), retried, Repeated: true)
                : ApplicationResult.Failed("IdempotencyKey", "Application.Error.KeyReused");
        }

        var posting = await db.Postings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postingId, cancellationToken);
        if (posting is null)
        {
            return ApplicationResult.Missing;
        }

        if (await MergeAsync(seeker.Id, postingId, route, agencyUscc, cancellationToken) is { } merged)
        {
            return new ApplicationResult(new Dictionary<string, string>(), merged, Repeated: true);
        }

        if (posting.Status != PostingStatus.Open)
        {
            return ApplicationResult.Failed("PostingId", "Application.Error.Closed");
        }

        var now = clock.GetUtcNow();
        var application = new Application
        {
            PostingId = posting.Id,
            SeekerId = seeker.Id,
            PersonId = seeker.PersonId,
            Uscc = posting.Uscc,
            DemandLineId = posting.DemandLineId,
            Stage = ApplicationStage.Applied,
            Routes = route,
            AgencyUscc = agencyUscc,
            IdempotencyKey = key,
            AppliedAt = now,
            StageChangedAt = now,
        };
        db.Applications.Add(application);
        try
        {
            // The application, its first stage and its event commit together (the event needs the application's id).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await RecordStageAsync(application, null, by, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ApplicationResult(new Dictionary<string, string>(), application);
        }
        catch (DbUpdateException)
        {
            // A concurrent request of the same person for the same posting (or with the same key) won the unique index.
            db.ChangeTracker.Clear();
            var winner = await MergeAsync(seeker.Id, postingId, route, agencyUscc, cancellationToken);
            return winner is null ? throw new InvalidOperationException("The application that won the unique index is gone.") : new ApplicationResult(new Dictionary<string, string>(), winner, Repeated: true);
        }
    }

    /// <summary>The person's application to the posting with the new route (and agency, if it had none) merged in; null when there is none.</summary>
    private async Task<Application?> MergeAsync(long seekerId, long postingId, ApplicationRoutes route, string? agencyUscc, CancellationToken cancellationToken)
    {
        var existing = await db.Applications.FirstOrDefaultAsync(a => a.PostingId == postingId && a.SeekerId == seekerId, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if ((existing.Routes & route) != route || (existing.AgencyUscc is null && agencyUscc is not null))
        {
            existing.Routes |= route;
            existing.AgencyUscc ??= agencyUscc;
            await db.SaveChangesAsync(cancellationToken);
        }

        return existing;
    }

    /// <summary>
    /// The employer moves an application: forward along applied → screening → interview → offer → hired (steps may be
    /// skipped), or refuses it with a reason from the fixed list. Nothing moves out of hired, refused or withdrawn.
    /// </summary>
    public async Task<ApplicationResult> MoveAsync(long applicationId, string uscc, ApplicationStage to, RefusalReason reason, string by, CancellationToken cancellationToken)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.Uscc == uscc, cancellationToken);
        if (application is null)
        {
            return ApplicationResult.Missing;
        }

        if (to == ApplicationStage.Withdrawn || IsClosed(application.Stage)
            || (to != ApplicationStage.Refused && Array.IndexOf(Forward, to) <= Array.IndexOf(Forward, application.Stage)))
        {
            return ApplicationResult.Failed("Stage", "Application.Error.Stage");
        }

        if ((to == ApplicationStage.Refused) != (reason != RefusalReason.None))
        {
            return ApplicationResult.Failed("RefusalReason", "Application.Error.Reason");
        }

        return await ChangeStageAsync(application, to, reason, by, cancellationToken);
    }

    /// <summary>The seeker withdraws their own application while it is open.</summary>
    public async Task<ApplicationResult> WithdrawAsync(Seeker seeker, long applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.SeekerId == seeker.Id, cancellationToken);
        if (application is null)
        {
            return ApplicationResult.Missing;
        }

        if (application.Stage == ApplicationStage.Withdrawn)
        {
            return new ApplicationResult(new Dictionary<string, string>(), application, Repeated: true);
        }

        return IsClosed(application.Stage)
            ? ApplicationResult.Failed("Stage", "Application.Error.Stage")
            : await ChangeStageAsync(application, ApplicationStage.Withdrawn, RefusalReason.None, seeker.UserName ?? $"seeker:{seeker.Id}", cancellationToken);
    }

    /// <summary>The employer records that the applicant did not come to an interview (counted on the application).</summary>
    public async Task<ApplicationResult> RecordNoShowAsync(long applicationId, string uscc, CancellationToken cancellationToken)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId && a.Uscc == uscc, cancellationToken);
        if (application is null)
        {
            return ApplicationResult.Missing;
        }

        application.NoShows++;
        await db.SaveChangesAsync(cancellationToken);
        return new ApplicationResult(new Dictionary<string, string>(), application);
    }

    private async Task<ApplicationResult> ChangeStageAsync(Application application, ApplicationStage to, RefusalReason reason, string by, CancellationToken cancellationToken)
    {
        var from = application.Stage;
        var now = clock.GetUtcNow();
        application.Stage = to;
        application.RefusalReason = reason;
        application.StageChangedAt = now;
        await RecordStageAsync(application, from, by, now, cancellationToken);
        return new ApplicationResult(new Dictionary<string, string>(), application);
    }

    private async Task RecordStageAsync(Application application, ApplicationStage? from, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ApplicationStageChanges.Add(new ApplicationStageChange { ApplicationId = application.Id, From = from, To = application.Stage, RefusalReason = application.RefusalReason, By = by, At = now });
        if (FunnelStageOf(application.Stage) is { } stage)
        {
            db.Publish(new FunnelStageReached(application.Id, application.PostingId, application.DemandLineId, application.Uscc, application.PersonId, stage, application.AgencyUscc, now), now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MyApplication>> MineAsync(Seeker seeker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        return await db.Applications.AsNoTracking().Where(a => a.SeekerId == seeker.Id)
            .OrderByDescending(a => a.AppliedAt).ThenByDescending(a => a.Id)
            .Join(db.Postings, a => a.PostingId, p => p.Id, (a, p) => new MyApplication(a.Id, p.Id, p.TitleZh, p.TitleEn, p.EmployerName, a.Stage, a.RefusalReason, a.AppliedAt, a.StageChangedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The posting's applicants for its employer, names in full (they applied), with the employer's other postings each
    /// person applied to; the view is audited once with the seekers shown. Null when the posting is not the employer's.
    /// </summary>
    public async Task<IReadOnlyList<Applicant>?> PipelineAsync(long postingId, string uscc, CancellationToken cancellationToken)
    {
        if (!await db.Postings.AnyAsync(p => p.Id == postingId && p.Uscc == uscc, cancellationToken))
        {
            return null;
        }

        var rows = await db.Applications.AsNoTracking().Where(a => a.PostingId == postingId)
            .Join(db.Seekers, a => a.SeekerId, s => s.Id, (a, s) => new { a, s.Name })
            .OrderBy(x => x.a.AppliedAt).ThenBy(x => x.a.Id)
            .ToListAsync(cancellationToken);
        var seekerIds = rows.Select(r => r.a.SeekerId).ToList();
        var others = await db.Applications.AsNoTracking()
            .Where(a => a.Uscc == uscc && a.PostingId != postingId && seekerIds.Contains(a.SeekerId))
            .Join(db.Postings, a => a.PostingId, p => p.Id, (a, p) => new { a.SeekerId, p.Id, p.TitleZh, p.TitleEn })
            .ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            await audit.RecordAsync(PipelineViewAction, $"posting:{postingId}",
                "seekers " + string.Join(',', seekerIds.Select(id => id.ToString(CultureInfo.InvariantCulture))), cancellationToken);
        }

        return [.. rows.Select(r => new Applicant(
            r.a.Id, r.a.SeekerId, r.Name, r.a.Stage, r.a.RefusalReason, r.a.Routes, r.a.AppliedAt, r.a.NoShows,
            [.. others.Where(o => o.SeekerId == r.a.SeekerId).OrderBy(o => o.Id).Select(o => new OtherApplication(o.Id, o.TitleZh, o.TitleEn))]))];
    }
}
