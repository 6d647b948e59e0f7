using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Localization;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Deferrals;

/// <summary>An approved deferral as staff type it (text, so that each field's error can name it).</summary>
internal sealed record DeferralInput(string? Uscc, string? FirstMonth, string? LastMonth, string? Reference);

internal sealed record DeferralResult(Deferral? Deferral, FieldErrors Errors);

/// <summary>A deferral as the list shows it: with the employer's registered name (null when the registry has none).</summary>
internal sealed record ListedDeferral(Deferral Deferral, string? EmployerName);

/// <summary>An employer's deferred amounts around a month: deferred in it, and falling due in it (a deferral ended the month before).</summary>
internal sealed record DeferredAmounts(string Uscc, decimal DeferredThisMonth, decimal NowDue);

/// <summary>
/// Deferral (缓缴, issue 3 §7) as an input: staff record an approved deferral; the assessment then defers those months'
/// whole employer payable (after relief) without late fee. The deferred sum falls due the month after the last deferred
/// month: it is not stored again but computed from the current runs of the deferred months (<see cref="NowDueAsync"/>),
/// so a re-assessed past month is reflected without copying figures around.
/// </summary>
internal sealed class DeferralHandler(ReliefDbContext db, ReliefRuleSet rules, IInsuredEmploymentSource registry, IAuditLog audit, TimeProvider clock, IStringLocalizer<ReliefText> text)
{
    public const string AuditAction = "relief.deferral.record";
    public const string RevokeAuditAction = "relief.deferral.revoke";
    public const int MaxReasonLength = 500;
    public const int ListCount = 100;

    /// <summary>
    /// Whether a deferral would be recorded, without recording it: the same checks (registered employer, the rule set's
    /// months, no overlap with a standing deferral), for an application checked before it is submitted for review.
    /// </summary>
    public async Task<FieldErrors> CheckAsync(DeferralInput input, CancellationToken cancellationToken = default) =>
        (await ValidateAsync(input, cancellationToken)).Errors;

    private async Task<(FieldErrors Errors, string Uscc, YearMonth? First, YearMonth? Last, string Reference)> ValidateAsync(DeferralInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        var uscc = input.Uscc?.Trim().ToUpperInvariant() ?? "";
        if (uscc.Length == 0)
        {
            errors.Add(nameof(input.Uscc), text["Deferral.Error.UsccRequired"]);
        }
        else if (!UnifiedSocialCreditCode.Validate(uscc).IsValid)
        {
            errors.Add(nameof(input.Uscc), text["Deferral.Error.UsccInvalid"]);
        }
        else if (await registry.FindEmployerAsync(uscc, cancellationToken) is null)
        {
            errors.Add(nameof(input.Uscc), text["Deferral.Error.UsccUnknown"]);
        }

        var first = Month(input.FirstMonth, nameof(input.FirstMonth), errors);
        var last = Month(input.LastMonth, nameof(input.LastMonth), errors);
        var reference = input.Reference?.Trim() ?? "";
        if (reference.Length == 0)
        {
            errors.Add(nameof(input.Reference), text["Deferral.Error.ReferenceRequired"]);
        }
        else if (reference.Length > 100)
        {
            errors.Add(nameof(input.Reference), text["Deferral.Error.ReferenceTooLong"]);
        }

        if (first is { } f && last is { } l)
        {
            CheckAgainstRules(f, l, errors);
            if (!errors.Has(nameof(input.Uscc)) && !errors.Has(nameof(input.FirstMonth)) && !errors.Has(nameof(input.LastMonth)))
            {
                var overlapping = await db.Deferrals.AsNoTracking()
                    .Where(d => d.Uscc == uscc && d.RevokedAt == null && d.FirstMonth <= l && d.LastMonth >= f)
                    .FirstOrDefaultAsync(cancellationToken);
                if (overlapping is not null)
                {
                    errors.Add(nameof(input.FirstMonth), text["Deferral.Error.Overlap", overlapping.FirstMonth, overlapping.LastMonth]);
                }
            }
        }

        return (errors, uscc, first, last, reference);
    }

    public async Task<DeferralResult> RecordAsync(DeferralInput input, string recordedBy, CancellationToken cancellationToken = default)
    {
        var (errors, uscc, first, last, reference) = await ValidateAsync(input, cancellationToken);
        if (!errors.IsEmpty)
        {
            return new DeferralResult(null, errors);
        }

        var deferral = new Deferral
        {
            Uscc = uscc,
            FirstMonth = first!.Value,
            LastMonth = last!.Value,
            Reference = reference,
            RecordedBy = recordedBy.Length > 256 ? recordedBy[..256] : recordedBy,
            RecordedAt = clock.GetUtcNow(),
        };
        // The deferral first, for its id; its event in the same transaction, so other modules hear of it if and only if it stands.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Deferrals.Add(deferral);
            await db.SaveChangesAsync(cancellationToken);
            db.Publish(new DeferralRecorded(deferral.Id, uscc, first.Value, last.Value, reference, deferral.RecordedBy), deferral.RecordedAt);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordAsync(recordedBy, AuditAction, $"deferral {deferral.Id} {uscc}", $"{{\"first_month\":\"{first}\",\"last_month\":\"{last}\",\"reference\":{System.Text.Json.JsonSerializer.Serialize(reference)}}}", cancellationToken);
        return new DeferralResult(deferral, errors);
    }

    /// <summary>
    /// Revokes a standing deferral: the record stays, with who revoked it, when and why (audited); the assessment then
    /// defers nothing for it, so the next assessment of its months bills them as not deferred. Null when there is no
    /// such deferral (the caller answers 404).
    /// </summary>
    public async Task<DeferralResult?> RevokeAsync(long id, string? reason, string revokedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revokedBy);
        var deferral = await db.Deferrals.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (deferral is null)
        {
            return null;
        }

        var errors = new FieldErrors();
        var why = reason?.Trim() ?? "";
        if (deferral.IsRevoked)
        {
            errors.Add("Reason", text["Deferral.Error.AlreadyRevoked"]);
        }
        else if (why.Length == 0)
        {
            errors.Add("Reason", text["Deferral.Error.ReasonRequired"]);
        }
        else if (why.Length > MaxReasonLength)
        {
            errors.Add("Reason", text["Deferral.Error.ReasonTooLong", MaxReasonLength]);
        }

        if (!errors.IsEmpty)
        {
            return new DeferralResult(null, errors);
        }

        deferral.RevokedAt = clock.GetUtcNow();
        deferral.RevokedBy = revokedBy.Length > 256 ? revokedBy[..256] : revokedBy;
        deferral.RevocationReason = why;
        db.Publish(
            new DeferralRevoked(deferral.Id, deferral.Uscc, deferral.FirstMonth, deferral.LastMonth, why, deferral.RevokedBy),
            deferral.RevokedAt.Value);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(
            revokedBy,
            RevokeAuditAction,
            $"deferral {deferral.Id} {deferral.Uscc}",
            $"{{\"first_month\":\"{deferral.FirstMonth}\",\"last_month\":\"{deferral.LastMonth}\",\"reason\":{System.Text.Json.JsonSerializer.Serialize(why)}}}",
            cancellationToken);
        return new DeferralResult(deferral, errors);
    }

    /// <summary>The latest deferrals with their employers' names, read through the registry's contract (one read).</summary>
    public async Task<IReadOnlyList<ListedDeferral>> ListAsync(string? uscc = null, CancellationToken cancellationToken = default)
    {
        var deferrals = await RecentAsync(uscc, cancellationToken);
        var names = await registry.FindNamesAsync(deferrals.Select(d => d.Uscc).ToList(), cancellationToken);
        return deferrals.Select(d => new ListedDeferral(d, names.GetValueOrDefault(d.Uscc))).ToList();
    }

    public async Task<IReadOnlyList<Deferral>> RecentAsync(string? uscc = null, CancellationToken cancellationToken = default)
    {
        var query = db.Deferrals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(uscc))
        {
            var code = uscc.Trim().ToUpperInvariant();
            query = query.Where(d => d.Uscc == code);
        }

        return await query.OrderByDescending(d => d.Id).Take(ListCount).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What falls due in <paramref name="month"/>: per employer whose deferral ended the month before, the sum of the
    /// amounts deferred in the current runs of its deferred months (months never assessed add nothing). A revoked
    /// deferral counts too: what its months' current runs still defer falls due as planned, and once they are
    /// re-assessed (as not deferred) they defer nothing, so nothing is lost or counted twice.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, decimal>> NowDueAsync(YearMonth month, string? uscc = null, CancellationToken cancellationToken = default)
    {
        var previous = month.AddMonths(-1);
        var ended = db.Deferrals.AsNoTracking().Where(d => d.LastMonth == previous);
        if (uscc is not null)
        {
            ended = ended.Where(d => d.Uscc == uscc);
        }

        var rows = await ended
            .Join(db.EmployerAssessments.AsNoTracking(), d => d.Uscc, a => a.Uscc, (d, a) => new { d, a })
            .Join(db.AssessmentRuns.AsNoTracking().Where(r => r.IsCurrent), x => x.a.RunId, r => r.Id, (x, r) => new { x.d, x.a, r })
            .Where(x => x.r.Month >= x.d.FirstMonth && x.r.Month <= x.d.LastMonth)
            .Select(x => new { x.a.Uscc, x.a.Deferred })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Uscc, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Deferred), StringComparer.Ordinal);
    }

    /// <summary>An employer's deferred amounts for a month: the statement shows both.</summary>
    public async Task<DeferredAmounts> AmountsAsync(string uscc, YearMonth month, AssessmentQueries queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var bill = await queries.CurrentBillAsync(uscc, month, cancellationToken);
        var due = await NowDueAsync(month, uscc, cancellationToken);
        return new DeferredAmounts(uscc, bill?.Deferred ?? 0, due.GetValueOrDefault(uscc));
    }

    /// <summary>The rule set's deferral parameters (as in force in the first month): earliest start, latest end, longest length.</summary>
    private void CheckAgainstRules(YearMonth first, YearMonth last, FieldErrors errors)
    {
        try
        {
            var earliest = rules.Parameters["deferral.earliest_start"].At(first).MonthValue!.Value;
            var latest = rules.Parameters["deferral.latest_end"].At(first).MonthValue!.Value;
            var longest = (int)rules.Parameters["deferral.max_months"].At(first).Number;
            if (first < earliest)
            {
                errors.Add("FirstMonth", text["Deferral.Error.TooEarly", earliest]);
            }

            if (last < first)
            {
                errors.Add("LastMonth", text["Deferral.Error.BeforeFirst"]);
            }
            else if (last > latest)
            {
                errors.Add("LastMonth", text["Deferral.Error.TooLate", latest]);
            }
            else if (last.Ordinal - first.Ordinal + 1 > longest)
            {
                errors.Add("LastMonth", text["Deferral.Error.TooLong", longest.ToString(CultureInfo.CurrentCulture)]);
            }
        }
        catch (ParameterNotInForceException e)
        {
            errors.Add("FirstMonth", text["Deferral.Error.NoRule", e.Month?.ToString() ?? first.ToString()]);
        }
    }

    private YearMonth? Month(string? written, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            errors.Add(field, text["Deferral.Error.MonthRequired"]);
            return null;
        }

        if (!YearMonth.TryParse(written, CultureInfo.InvariantCulture, out var month))
        {
            errors.Add(field, text["Deferral.Error.MonthInvalid", written]);
            return null;
        }

        return month;
    }
}
