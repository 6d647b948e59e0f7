using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.EditEmployer;

/// <summary>The employer form as typed: text, validated by the same rules as an import row (interchange.md, employers).</summary>
internal sealed class EmployerForm
{
    public string? Uscc { get; set; }

    public string? Name { get; set; }

    public string? Industry { get; set; }

    public string? District { get; set; }

    public string? Employees { get; set; }

    public string? Revenue { get; set; }

    public string? TotalAssets { get; set; }

    public string? InjuryRate { get; set; }

    public bool KeyEnterprise { get; set; }

    /// <summary>
    /// Staff confirm that a code whose check character fails is the one on the registration certificate
    /// (some pilot-era codes are, policy.md §6b). Only the check character may be overridden, never length or characters.
    /// </summary>
    public bool OverrideCheckCharacter { get; set; }

    public static EmployerForm From(Employer employer)
    {
        ArgumentNullException.ThrowIfNull(employer);
        return new EmployerForm
        {
            Uscc = employer.Uscc,
            Name = employer.Name,
            Industry = employer.Industry,
            District = employer.District,
            Employees = employer.Employees.ToString(CultureInfo.InvariantCulture),
            Revenue = employer.Revenue.ToString(CultureInfo.InvariantCulture),
            TotalAssets = employer.TotalAssets.ToString(CultureInfo.InvariantCulture),
            InjuryRate = employer.InjuryRate.ToString(CultureInfo.InvariantCulture),
            KeyEnterprise = employer.KeyEnterprise,
            OverrideCheckCharacter = employer.CheckCharacterOverridden,
        };
    }
}

/// <summary>What saving the form did: the errors, or the employer's code; <see cref="Found"/> is false when editing an unknown employer.</summary>
internal sealed record EmployerSaved(FieldErrors Errors, string? Uscc, bool Found = true);

/// <summary>Staff create and correct employers. The size class is recomputed and every change is audited with what changed.</summary>
internal sealed class EditEmployerHandler(RegistryDbContext db, SmeSizeStandard standard, IAuditLog audit, TimeProvider clock, IStringLocalizer<RegistryText> text)
{
    public async Task<EmployerForm?> LoadAsync(string uscc, CancellationToken cancellationToken = default)
    {
        var employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == uscc, cancellationToken);
        return employer is null ? null : EmployerForm.From(employer);
    }

    public async Task<EmployerSaved> CreateAsync(EmployerForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new FieldErrors();
        var uscc = (form.Uscc ?? "").Trim().ToUpperInvariant();
        var overridden = false;
        var validation = UnifiedSocialCreditCode.Validate(uscc);
        switch (validation.Problem)
        {
            case UsccProblem.None:
                break;
            case UsccProblem.WrongCheckCharacter when form.OverrideCheckCharacter:
                overridden = true;
                break;
            case UsccProblem.WrongCheckCharacter:
                errors.Add(nameof(form.Uscc), text["Edit.Error.UsccCheckCharacter", validation.Expected]);
                break;
            case UsccProblem.Missing:
                errors.Add(nameof(form.Uscc), text["Edit.Error.UsccMissing"]);
                break;
            case UsccProblem.WrongLength:
                errors.Add(nameof(form.Uscc), text["Edit.Error.UsccLength"]);
                break;
            default:
                errors.Add(nameof(form.Uscc), text["Edit.Error.UsccCharacter", validation.Position]);
                break;
        }

        if (errors.IsEmpty && await db.Employers.AnyAsync(e => e.Uscc == uscc, cancellationToken))
        {
            errors.Add(nameof(form.Uscc), text["Edit.Error.UsccExists"]);
        }

        var employer = new Employer { Uscc = uscc, CheckCharacterOverridden = overridden };
        Apply(form, employer, errors);
        if (!errors.IsEmpty)
        {
            return new EmployerSaved(errors, null);
        }

        employer.SizeClass = employer.Classify(standard).Class;

        // Its first classification is the one published for the policy period; later edits do not move it.
        employer.PublishedSizeClass = employer.SizeClass;
        employer.UpdatedAt = clock.GetUtcNow();
        db.Employers.Add(employer);
        await db.SaveChangesAsync(cancellationToken);
        var created = Snapshot(employer).ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.Ordinal);
        await audit.RecordAsync("employer.created", Record(uscc), JsonSerializer.Serialize(created), cancellationToken);
        return new EmployerSaved(errors, uscc);
    }

    public async Task<EmployerSaved> UpdateAsync(string uscc, EmployerForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var employer = await db.Employers.FirstOrDefaultAsync(e => e.Uscc == uscc, cancellationToken);
        if (employer is null)
        {
            return new EmployerSaved(new FieldErrors(), null, Found: false);
        }

        var before = Snapshot(employer);
        var errors = new FieldErrors();
        Apply(form, employer, errors);
        if (!errors.IsEmpty)
        {
            return new EmployerSaved(errors, uscc);
        }

        // The code is the employer's key and never changes here; whether its check character was accepted by
        // override stays as it was, unless the code is valid after all (then no override is needed).
        employer.CheckCharacterOverridden = employer.CheckCharacterOverridden && !UnifiedSocialCreditCode.IsValid(employer.Uscc);
        employer.SizeClass = employer.Classify(standard).Class;
        var after = Snapshot(employer);
        var changes = after
            .Where(field => !string.Equals(before[field.Key], field.Value, StringComparison.Ordinal))
            .ToDictionary(field => field.Key, field => new { from = before[field.Key], to = field.Value }, StringComparer.Ordinal);
        if (changes.Count == 0)
        {
            return new EmployerSaved(errors, uscc);
        }

        employer.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("employer.updated", Record(uscc), JsonSerializer.Serialize(changes), cancellationToken);
        return new EmployerSaved(errors, uscc);
    }

    public static string Record(string uscc) => $"employer:{uscc}";

    /// <summary>The audited fields in the interchange file's column names, as text.</summary>
    private static Dictionary<string, string> Snapshot(Employer e) => new(StringComparer.Ordinal)
    {
        ["name"] = e.Name,
        ["industry"] = e.Industry,
        ["district"] = e.District,
        ["employees"] = e.Employees.ToString(CultureInfo.InvariantCulture),
        ["revenue"] = e.Revenue.ToString(CultureInfo.InvariantCulture),
        ["total_assets"] = e.TotalAssets.ToString(CultureInfo.InvariantCulture),
        ["injury_rate"] = e.InjuryRate.ToString(CultureInfo.InvariantCulture),
        ["key_enterprise"] = e.KeyEnterprise ? "true" : "false",
        ["size_class"] = e.SizeClass.Code(),
        ["check_character_overridden"] = e.CheckCharacterOverridden ? "true" : "false",
    };

    /// <summary>Validates every field but the code and copies the valid ones onto <paramref name="employer"/>.</summary>
    private void Apply(EmployerForm form, Employer employer, FieldErrors errors)
    {
        var name = (form.Name ?? "").Trim();
        if (name.Length == 0)
        {
            errors.Add(nameof(form.Name), text["Edit.Error.NameMissing"]);
        }
        else if (name.Length > Employer.NameMaxLength)
        {
            errors.Add(nameof(form.Name), text["Edit.Error.NameTooLong"]);
        }

        var industry = (form.Industry ?? "").Trim();
        if (!Industries.IsKnown(industry))
        {
            errors.Add(nameof(form.Industry), text["Edit.Error.Industry"]);
        }

        var district = (form.District ?? "").Trim();
        if (!Districts.IsKnown(district))
        {
            errors.Add(nameof(form.District), text["Edit.Error.District"]);
        }

        int? employees = int.TryParse((form.Employees ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
        if (employees is null)
        {
            errors.Add(nameof(form.Employees), text["Edit.Error.Employees"]);
        }

        var revenue = Amount(form.Revenue, nameof(form.Revenue), "Edit.Error.Revenue", errors);
        var assets = Amount(form.TotalAssets, nameof(form.TotalAssets), "Edit.Error.TotalAssets", errors);
        decimal? injuryRate = TryDecimal(form.InjuryRate, out var rate) && Employer.IsInjuryRate(rate) && Math.Round(rate, 3) == rate ? rate : null;
        if (injuryRate is null)
        {
            errors.Add(nameof(form.InjuryRate), text["Edit.Error.InjuryRate"]);
        }

        if (!errors.IsEmpty)
        {
            return;
        }

        employer.Name = name;
        employer.Industry = industry;
        employer.District = district;
        employer.Employees = employees!.Value;
        employer.Revenue = revenue!.Value;
        employer.TotalAssets = assets!.Value;
        employer.InjuryRate = injuryRate!.Value;
        employer.KeyEnterprise = form.KeyEnterprise;
    }

    /// <summary>10k yuan, ≥ 0, at most two decimals (the column's precision: nothing is rounded away silently).</summary>
    private decimal? Amount(string? value, string field, string message, FieldErrors errors)
    {
        if (TryDecimal(value, out var amount) && amount >= 0 && amount < Employer.AmountCeiling && Math.Round(amount, 2) == amount)
        {
            return amount;
        }

        errors.Add(field, text[message]);
        return null;
    }

    private static bool TryDecimal(string? value, out decimal result) =>
        decimal.TryParse((value ?? "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out result);
}
