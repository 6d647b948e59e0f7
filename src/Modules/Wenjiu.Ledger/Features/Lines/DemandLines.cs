using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.KeyEnterprises;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Time;
using Wenjiu.Platform.Web;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Ledger.Features.Lines;

/// <summary>What a demand line is given as: from the API's JSON or a page's form (every field a string or null, checked here).</summary>
internal sealed record LineInput(
    string? Occupation, string? TitleZh, string? TitleEn, int? Headcount, IReadOnlyList<string>? MustHaveSkills, IReadOnlyList<string>? NiceToHaveSkills,
    string? District, string? Site, decimal? PayMin, decimal? PayMax, string? StartOn, string? Shifts);

/// <summary>The outcome of a change: the line, or the errors naming the field and the rule.</summary>
internal sealed record LineOutcome(Line? Line, FieldErrors Errors, bool AlreadyRecorded = false)
{
    public bool Succeeded => Errors.IsEmpty && Line is not null;
}

/// <summary>
/// The demand lines (issue 10 §1.2–§1.3): created and changed by the enterprise's own users or a specialist, only for a
/// key enterprise in force; each new line assigned to the least-loaded specialist covering its district; every change
/// published as <see cref="DemandLineChanged"/> in the same transaction (ADR 0009) and kept in the line's history.
/// </summary>
internal sealed class DemandLines(LedgerDbContext db, Designations designations, TimeProvider clock)
{
    public const int MaxHeadcount = 10_000;

    public async Task<LineOutcome> CreateAsync(string uscc, LineInput input, string by, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        if (idempotencyKey is not null && await db.Lines.FirstOrDefaultAsync(l => l.Uscc == uscc && l.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
        {
            return new LineOutcome(earlier, errors, AlreadyRecorded: true);
        }

        var today = BeijingTime.DayOf(clock.GetUtcNow());
        var key = await designations.InForceAsync(uscc, today, cancellationToken);
        if (key is null)
        {
            errors.Add("uscc", "not a key enterprise: only a designated key enterprise in force has demand lines");
            return new LineOutcome(null, errors);
        }

        var now = clock.GetUtcNow();
        var line = new Line
        {
            Uscc = uscc,
            EmployerName = key.Name,
            Category = key.Category,
            Status = DemandLineStatus.Open,
            CreatedBy = by,
            CreatedAt = now,
            ConfirmedAt = now,
            IdempotencyKey = idempotencyKey,
        };
        if (!Apply(line, input, errors))
        {
            return new LineOutcome(null, errors);
        }

        line.UpdatedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Lines.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        await AssignAsync(line, by, cancellationToken);
        History(line, by, "opened", null);
        Publish(line, today);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LineOutcome(line, errors);
    }

    public async Task<LineOutcome> UpdateAsync(Line line, LineInput input, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var errors = new FieldErrors();
        if (line.Status is DemandLineStatus.Closed or DemandLineStatus.Filled)
        {
            errors.Add("status", "closed: a closed or filled line is not changed");
            return new LineOutcome(null, errors);
        }

        if (!Apply(line, input, errors))
        {
            return new LineOutcome(null, errors);
        }

        if (line.Hired >= line.Headcount)
        {
            line.Status = DemandLineStatus.Filled;
        }

        await SaveChangeAsync(line, by, "changed", null, cancellationToken);
        return new LineOutcome(line, errors);
    }

    public async Task<LineOutcome> CloseAsync(Line line, string by, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var errors = new FieldErrors();
        if (line.Status is DemandLineStatus.Closed or DemandLineStatus.Filled)
        {
            errors.Add("status", "closed: the line is already closed or filled");
            return new LineOutcome(null, errors);
        }

        line.Status = DemandLineStatus.Closed;
        await SaveChangeAsync(line, by, "closed", Trim(reason, 500), cancellationToken);
        return new LineOutcome(line, errors);
    }

    /// <summary>A team lead gives the line to another specialist, with the reason (kept in the history).</summary>
    public async Task<LineOutcome> ReassignAsync(Line line, string? specialist, string? reason, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(specialist) || !await db.Specialists.AnyAsync(s => s.UserName == specialist, cancellationToken))
        {
            errors.Add("specialist", "unknown: not a specialist of the ledger");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("reason", "required: an override names its reason");
        }

        if (!errors.IsEmpty)
        {
            return new LineOutcome(null, errors);
        }

        var from = line.Specialist;
        line.Specialist = specialist;
        line.AssignedAt = clock.GetUtcNow();
        line.FirstContactAt = null;
        await SaveChangeAsync(line, by, "reassigned", Trim($"{from ?? "-"} → {specialist}: {reason!.Trim()}", 500), cancellationToken);
        return new LineOutcome(line, errors);
    }

    public async Task<LineOutcome> RecordFirstContactAsync(Line line, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        var errors = new FieldErrors();
        if (line.FirstContactAt is not null)
        {
            return new LineOutcome(line, errors, AlreadyRecorded: true);
        }

        line.FirstContactAt = clock.GetUtcNow();
        db.LineEvents.Add(new LineEvent { LineId = line.Id, At = clock.GetUtcNow(), By = by, Kind = "first_contact" });
        await db.SaveChangesAsync(cancellationToken);
        return new LineOutcome(line, errors);
    }

    /// <summary>Writes the line's change, its history entry and its event in one transaction.</summary>
    public async Task SaveChangeAsync(Line line, string by, string kind, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        line.UpdatedAt = clock.GetUtcNow();
        History(line, by, kind, detail);
        Publish(line, BeijingTime.DayOf(line.UpdatedAt));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The least-loaded specialist covering the line's district (open lines ÷ capacity, then fewer lines, then name); when
    /// nobody covers it, the least loaded citywide; nobody at all leaves the line unassigned.
    /// </summary>
    private async Task AssignAsync(Line line, string by, CancellationToken cancellationToken)
    {
        var specialists = await db.Specialists.AsNoTracking().ToListAsync(cancellationToken);
        if (specialists.Count == 0)
        {
            return;
        }

        var loads = await db.Lines.Where(l => l.Specialist != null && l.Status == DemandLineStatus.Open && l.Id != line.Id)
            .GroupBy(l => l.Specialist!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var covering = specialists.Where(s => s.DistrictCodes.Contains(line.District)).ToList();
        var pool = covering.Count > 0 ? covering : specialists;
        var chosen = pool
            .OrderBy(s => (decimal)loads.GetValueOrDefault(s.UserName) / Math.Max(1, s.Capacity))
            .ThenBy(s => loads.GetValueOrDefault(s.UserName))
            .ThenBy(s => s.UserName, StringComparer.Ordinal)
            .First();
        line.Specialist = chosen.UserName;
        line.AssignedAt = clock.GetUtcNow();
        History(line, by, covering.Count > 0 ? "assigned" : "assigned_citywide", chosen.UserName);
    }

    private void History(Line line, string by, string kind, string? detail) =>
        db.LineEvents.Add(new LineEvent { LineId = line.Id, At = clock.GetUtcNow(), By = by, Kind = kind, Detail = detail });

    private void Publish(Line line, DateOnly today) => db.Publish(new DemandLineChanged(line.ToContract(UrgencyOf(line, today))), clock.GetUtcNow());

    public static decimal UrgencyOf(Line line, DateOnly today) =>
        line.Status == DemandLineStatus.Open ? LedgerRules.Urgency(line.Headcount - line.Hired, line.StartOn, line.Category, today) : 0m;

    /// <summary>Checks the input against the taxonomy, the districts and the rules and, if it passes, copies it onto the line.</summary>
    private static bool Apply(Line line, LineInput input, FieldErrors errors)
    {
        var occupation = OccupationTaxonomy.FindOccupation(input.Occupation?.Trim());
        if (string.IsNullOrWhiteSpace(input.Occupation))
        {
            errors.Add("occupation", "required");
        }
        else if (occupation is null)
        {
            errors.Add("occupation", $"unknown: not an occupation code of the taxonomy {OccupationTaxonomy.Version}");
        }

        if (input.Headcount is not { } headcount)
        {
            errors.Add("headcount", "required");
        }
        else if (headcount is < 1 or > MaxHeadcount)
        {
            errors.Add("headcount", string.Create(CultureInfo.InvariantCulture, $"out of range: a whole number of persons from 1 to {MaxHeadcount}"));
        }

        var must = Skills("must_have_skills", input.MustHaveSkills, errors);
        var nice = Skills("nice_to_have_skills", input.NiceToHaveSkills, errors);
        if (!Districts.IsKnown(input.District?.Trim()))
        {
            errors.Add("district", string.IsNullOrWhiteSpace(input.District) ? "required" : "unknown: not a district code of the city");
        }

        if (string.IsNullOrWhiteSpace(input.Site))
        {
            errors.Add("site", "required");
        }
        else if (input.Site.Trim().Length > 200)
        {
            errors.Add("site", "too long: at most 200 characters");
        }

        if (input.PayMin is not { } payMin || payMin <= 0 || decimal.Round(payMin, 2) != payMin)
        {
            errors.Add("pay_min", input.PayMin is null ? "required" : "invalid: yuan per month, above zero, at most two decimals");
        }

        if (input.PayMax is not { } payMax || payMax <= 0 || decimal.Round(payMax, 2) != payMax)
        {
            errors.Add("pay_max", input.PayMax is null ? "required" : "invalid: yuan per month, above zero, at most two decimals");
        }
        else if (input.PayMin is { } min && min > payMax)
        {
            errors.Add("pay_max", "below pay_min: the pay range needs min ≤ max");
        }

        DateOnly startOn = default;
        if (string.IsNullOrWhiteSpace(input.StartOn))
        {
            errors.Add("start_on", "required");
        }
        else if (!DateOnly.TryParseExact(input.StartOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out startOn))
        {
            errors.Add("start_on", "invalid: a date YYYY-MM-DD");
        }

        if (input.Shifts?.Trim().Length > 100)
        {
            errors.Add("shifts", "too long: at most 100 characters");
        }

        if (input.TitleZh?.Trim().Length > 100)
        {
            errors.Add("title_zh", "too long: at most 100 characters");
        }

        if (input.TitleEn?.Trim().Length > 200)
        {
            errors.Add("title_en", "too long: at most 200 characters");
        }

        if (!errors.IsEmpty)
        {
            return false;
        }

        line.Occupation = occupation!.Code;
        line.TitleZh = string.IsNullOrWhiteSpace(input.TitleZh) ? occupation.NameZh : input.TitleZh.Trim();
        line.TitleEn = string.IsNullOrWhiteSpace(input.TitleEn) ? occupation.NameEn : input.TitleEn.Trim();
        line.Headcount = input.Headcount!.Value;
        line.MustHaveSkills = string.Join(',', must);
        line.NiceToHaveSkills = string.Join(',', nice.Except(must));
        line.District = input.District!.Trim();
        line.Site = input.Site!.Trim();
        line.PayMin = input.PayMin!.Value;
        line.PayMax = input.PayMax!.Value;
        line.StartOn = startOn;
        line.Shifts = input.Shifts?.Trim() ?? "";
        return true;
    }

    private static List<string> Skills(string field, IReadOnlyList<string>? codes, FieldErrors errors)
    {
        var list = (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknown = list.Where(c => !OccupationTaxonomy.IsSkill(c)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(field, $"unknown: {string.Join(", ", unknown)} not a skill code of the taxonomy {OccupationTaxonomy.Version}");
        }

        return list;
    }

    private static string? Trim(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Length > max ? text.Trim()[..max] : text.Trim();
}
