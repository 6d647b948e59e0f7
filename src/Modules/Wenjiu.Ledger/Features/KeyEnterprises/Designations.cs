using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Time;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Ledger.Features.KeyEnterprises;

/// <summary>
/// Key-enterprise designations (issue 10 §1.1): policy officers and administrators designate a registered employer in
/// one of the four categories and may end it; the employer is looked up in the registry's directory, never its tables.
/// </summary>
internal sealed class Designations(LedgerDbContext db, IEmployerDirectory employers, TimeProvider clock)
{
    public async Task<(KeyEnterprise? Designation, FieldErrors Errors)> DesignateAsync(string? uscc, string? category, string? endsOn, string by, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        uscc = uscc?.Trim().ToUpperInvariant();
        string? name = null;
        if (string.IsNullOrEmpty(uscc))
        {
            errors.Add("uscc", "required");
        }
        else if ((name = await employers.NameAsync(uscc, cancellationToken)) is null)
        {
            errors.Add("uscc", "not registered: no employer with this code in the registry");
        }

        var parsed = LedgerRules.ParseCategory(category?.Trim());
        if (parsed is null)
        {
            errors.Add("category", $"unknown: one of {string.Join(", ", Enum.GetValues<KeyEnterpriseCategory>().Select(LedgerRules.CategoryCode))}");
        }

        DateOnly? ends = null;
        var today = BeijingTime.DayOf(clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(endsOn))
        {
            if (!DateOnly.TryParseExact(endsOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                errors.Add("ends_on", "invalid: a date YYYY-MM-DD");
            }
            else if (day < today)
            {
                errors.Add("ends_on", "in the past: a designation ends today or later");
            }
            else
            {
                ends = day;
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        // A new designation replaces the one in force (its end is yesterday), so the history of categories is kept.
        foreach (var current in await db.KeyEnterprises.Where(k => k.Uscc == uscc).ToListAsync(cancellationToken))
        {
            if (current.InForceOn(today))
            {
                current.EndsOn = today.AddDays(-1);
            }
        }

        var designation = new KeyEnterprise { Uscc = uscc!, Name = name!, Category = parsed!.Value, DesignatedBy = by, DesignatedAt = clock.GetUtcNow(), EndsOn = ends };
        db.KeyEnterprises.Add(designation);
        await db.SaveChangesAsync(cancellationToken);
        return (designation, errors);
    }

    /// <summary>Ends the designation in force yesterday: from today the employer is no key enterprise (its lines stay as they are).</summary>
    public async Task<KeyEnterprise?> EndAsync(long id, CancellationToken cancellationToken = default)
    {
        var designation = await db.KeyEnterprises.FindAsync([id], cancellationToken);
        var today = BeijingTime.DayOf(clock.GetUtcNow());
        if (designation is null || !designation.InForceOn(today))
        {
            return null;
        }

        designation.EndsOn = today.AddDays(-1);
        await db.SaveChangesAsync(cancellationToken);
        return designation;
    }

    public async Task<KeyEnterprise?> InForceAsync(string uscc, DateOnly day, CancellationToken cancellationToken = default)
    {
        var rows = await db.KeyEnterprises.AsNoTracking().Where(k => k.Uscc == uscc).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
        return rows.FirstOrDefault(k => k.InForceOn(day) && BeijingTime.DayOf(k.DesignatedAt) <= day);
    }

    /// <summary>Every designation, those in force first, then the latest.</summary>
    public async Task<IReadOnlyList<KeyEnterprise>> ListAsync(CancellationToken cancellationToken = default)
    {
        var today = BeijingTime.DayOf(clock.GetUtcNow());
        var rows = await db.KeyEnterprises.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(k => k.InForceOn(today)).ThenByDescending(k => k.Id)];
    }
}
