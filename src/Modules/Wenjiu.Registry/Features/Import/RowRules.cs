using System.Globalization;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>An employer row that passed every rule of its own, ready to stage.</summary>
internal sealed record StagedEmployer(
    long Line, string Uscc, string Name, string Industry, string District, int Employees, decimal Revenue, decimal TotalAssets,
    decimal InjuryRate, bool KeyEnterprise, SizeClass SizeClass);

/// <summary>A spell row that passed every rule of its own; the identity number is already encrypted and hashed.</summary>
internal sealed record StagedSpell(
    long Line, byte[] IdHash, byte[] IdCipher, string Name, DateOnly BirthDate, Gender Gender, string Uscc, int StartMonth, int? EndMonth, decimal Wage);

/// <summary>A contributions row that passed every rule of its own; amounts in yuan, the month a <c>yyyymm</c> number.</summary>
internal sealed record StagedContribution(
    long Line, string Uscc, int Month, int Insured, decimal Due, decimal Paid, decimal UnemploymentPaid, DateOnly? PaidOn);

/// <summary>
/// The rules of interchange.md that one row can be checked against on its own. Every broken rule is reported (a row
/// may be reported once per broken rule); rules that need other rows (duplicates, overlaps) run set-based on the
/// staged rows (<see cref="IImportStore"/>).
/// </summary>
internal sealed class RowRules(SmeSizeStandard sizeStandard, PersonalDataProtector protector, IReadOnlySet<string>? registeredEmployers)
{
    /// <summary>numeric(12,2): a monthly wage of ten billion yuan is not a wage.</summary>
    private const decimal WageCeiling = 10_000_000_000m;

    public StagedEmployer? Employer(SourceRow row, List<RowRejection> rejections)
    {
        if (Unsplittable(row, rejections, keepText: true))
        {
            return null;
        }

        var v = row.Values;
        var before = rejections.Count;
        var uscc = v[0].Trim();
        var usccCheck = UnifiedSocialCreditCode.Validate(uscc);
        if (!usccCheck.IsValid)
        {
            rejections.Add(new(row.Line, "uscc", v[0], UsccReason(usccCheck)));
        }

        var name = v[1].Trim();
        Text(row, "name", v[1], name, Domain.Employer.NameMaxLength, rejections);
        var industry = v[2].Trim();
        if (!Industries.IsKnown(industry))
        {
            rejections.Add(new(row.Line, "industry", v[2], ImportMessages.Of("industry_unknown")));
        }

        var district = v[3].Trim();
        if (!Districts.IsKnown(district))
        {
            rejections.Add(new(row.Line, "district", v[3], ImportMessages.Of("district_unknown")));
        }

        int employees = 0;
        if (!int.TryParse(v[4].AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out employees))
        {
            rejections.Add(new(row.Line, "employees", v[4], ImportMessages.Of("not_integer")));
        }
        else if (employees < 0)
        {
            rejections.Add(new(row.Line, "employees", v[4], ImportMessages.Of("negative")));
        }

        var revenue = Amount(row, "revenue", v[5], rejections);
        var totalAssets = Amount(row, "total_assets", v[6], rejections);
        decimal injuryRate = 0;
        if (!TryDecimal(v[7], out injuryRate))
        {
            rejections.Add(new(row.Line, "injury_rate", v[7], ImportMessages.Of("not_decimal")));
        }
        else if (!Domain.Employer.IsInjuryRate(injuryRate))
        {
            rejections.Add(new(row.Line, "injury_rate", v[7], ImportMessages.Of("injury_rate_range")));
        }

        var key = Flag(v[8]);
        if (key is null)
        {
            rejections.Add(new(row.Line, "key_enterprise", v[8], ImportMessages.Of("flag")));
        }

        if (rejections.Count > before)
        {
            return null;
        }

        var sizeClass = sizeStandard.Classify(industry, new SizeFacts(employees, revenue, totalAssets)).Class;
        return new StagedEmployer(row.Line, uscc, name, industry, district, employees, revenue, totalAssets, Math.Round(injuryRate, 3), key!.Value, sizeClass);
    }

    public StagedSpell? Spell(SourceRow row, List<RowRejection> rejections)
    {
        // The line as given would carry the identity number and the name in clear: it is not kept (the line number is).
        if (Unsplittable(row, rejections, keepText: false))
        {
            return null;
        }

        var v = row.Values;
        var before = rejections.Count;
        var idNumber = v[0].Trim().ToUpperInvariant();
        var idCheck = ResidentIdentityNumber.Validate(idNumber);
        if (!idCheck.IsValid)
        {
            rejections.Add(new(row.Line, "id_number", MaskedIdNumber(v[0]), IdReason(idCheck)));
        }

        var name = v[1].Trim();
        Text(row, "name", Masking.Name(name), name, 100, rejections);
        var uscc = v[2].Trim();
        if (uscc.Length == 0)
        {
            rejections.Add(new(row.Line, "uscc", v[2], ImportMessages.Of("employer_missing")));
        }
        else if (registeredEmployers is not null && !registeredEmployers.Contains(uscc))
        {
            rejections.Add(new(row.Line, "uscc", v[2], ImportMessages.Of("employer_unknown")));
        }

        var startValid = YearMonth.TryParse(v[3], out var start);
        if (!startValid)
        {
            rejections.Add(new(row.Line, "start_month", v[3], ImportMessages.Of("month_format")));
        }

        YearMonth? end = null;
        if (!string.IsNullOrWhiteSpace(v[4]))
        {
            if (!YearMonth.TryParse(v[4], out var parsed))
            {
                rejections.Add(new(row.Line, "end_month", v[4], ImportMessages.Of("end_month_format")));
            }
            else if (startValid && parsed < start)
            {
                rejections.Add(new(row.Line, "end_month", v[4], ImportMessages.Of("end_before_start", start)));
            }
            else
            {
                end = parsed;
            }
        }

        decimal wage = 0;
        if (!TryDecimal(v[5], out wage))
        {
            rejections.Add(new(row.Line, "wage", v[5], ImportMessages.Of("not_decimal")));
        }
        else if (wage < 0)
        {
            rejections.Add(new(row.Line, "wage", v[5], ImportMessages.Of("negative")));
        }
        else if (wage.Scale > 2 && wage != Math.Round(wage, 2))
        {
            rejections.Add(new(row.Line, "wage", v[5], ImportMessages.Of("wage_decimals")));
        }
        else if (wage >= WageCeiling)
        {
            rejections.Add(new(row.Line, "wage", v[5], ImportMessages.Of("wage_too_large")));
        }

        if (rejections.Count > before)
        {
            return null;
        }

        return new StagedSpell(
            row.Line, protector.LookupHash(idNumber), protector.Encrypt(idNumber), name, ResidentIdentityNumber.BirthDate(idNumber)!.Value,
            ResidentIdentityNumber.GenderOf(idNumber), uscc, start.Number, end is { } e ? e.Number : null, wage);
    }

    /// <summary>
    /// A contributions row: the employer must be registered (contributions come after employers), the month
    /// <c>YYYY-MM</c>, the amounts non-negative with at most 2 decimals, the unemployment part not above what was paid,
    /// the payment date a date or empty.
    /// </summary>
    public StagedContribution? Contribution(SourceRow row, List<RowRejection> rejections)
    {
        if (Unsplittable(row, rejections, keepText: true))
        {
            return null;
        }

        var v = row.Values;
        var before = rejections.Count;
        var uscc = v[0].Trim();
        if (uscc.Length == 0)
        {
            rejections.Add(new(row.Line, "uscc", v[0], ImportMessages.Of("employer_missing")));
        }
        else if (registeredEmployers is not null && !registeredEmployers.Contains(uscc))
        {
            rejections.Add(new(row.Line, "uscc", v[0], ImportMessages.Of("employer_not_registered")));
        }

        if (!YearMonth.TryParse(v[1], out var month))
        {
            rejections.Add(new(row.Line, "month", v[1], ImportMessages.Of("month_format")));
        }

        if (!int.TryParse(v[2].AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var insured))
        {
            rejections.Add(new(row.Line, "insured", v[2], ImportMessages.Of("not_integer")));
        }
        else if (insured < 0)
        {
            rejections.Add(new(row.Line, "insured", v[2], ImportMessages.Of("negative")));
        }

        var due = Money(row, "due", v[3], rejections);
        var paid = Money(row, "paid", v[4], rejections);
        var unemploymentPaid = Money(row, "unemployment_paid", v[5], rejections);
        if (paid is { } p && unemploymentPaid is { } u && u > p)
        {
            rejections.Add(new(row.Line, "unemployment_paid", v[5], ImportMessages.Of("unemployment_above_paid", v[4].Trim())));
        }

        DateOnly? paidOn = null;
        if (!string.IsNullOrWhiteSpace(v[6]))
        {
            if (DateOnly.TryParseExact(v[6].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                paidOn = date;
            }
            else
            {
                rejections.Add(new(row.Line, "paid_on", v[6], ImportMessages.Of("date_format")));
            }
        }

        if (rejections.Count > before)
        {
            return null;
        }

        return new StagedContribution(row.Line, uscc, month.Number, insured, due!.Value, paid!.Value, unemploymentPaid!.Value, paidOn);
    }

    /// <summary>An amount in yuan: a decimal ≥ 0 with at most 2 decimals (a fen is the smallest unit billed).</summary>
    private static decimal? Money(SourceRow row, string column, string given, List<RowRejection> rejections)
    {
        if (!TryDecimal(given, out var value))
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("not_decimal")));
            return null;
        }

        if (value < 0)
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("negative")));
            return null;
        }

        if (value != Math.Round(value, 2))
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("amount_decimals")));
            return null;
        }

        if (value >= Domain.Contribution.AmountCeiling)
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("contribution_too_large")));
            return null;
        }

        return Math.Round(value, 2);
    }

    private static bool Unsplittable(SourceRow row, List<RowRejection> rejections, bool keepText)
    {
        if (row.Problem is null)
        {
            return false;
        }

        rejections.Add(new(row.Line, "", keepText ? row.RawText ?? "" : "", row.Problem));
        return true;
    }

    /// <summary>
    /// The registry keeps identity numbers only encrypted, so its error report does not keep them in clear either: a
    /// rejected number is stored and shown masked as everywhere else (area code and last four), enough for the sender
    /// to find the line in its own file.
    /// </summary>
    internal static string MaskedIdNumber(string given) => Masking.IdentityNumber(given.Trim());

    /// <summary>A wrong check character is reported as wrong, not with the right one: the report is not a way to complete a number.</summary>
    private static string IdReason(IdNumberValidation check) => check.Problem switch
    {
        IdNumberProblem.Missing => ImportMessages.Of("id_missing"),
        IdNumberProblem.WrongLength => ImportMessages.Of("id_length"),
        IdNumberProblem.NotDigits => ImportMessages.Of("id_characters"),
        IdNumberProblem.InvalidBirthDate => ImportMessages.Of("id_birth_date"),
        _ => ImportMessages.Of("id_check"),
    };

    private static string UsccReason(UsccValidation check) => check.Problem switch
    {
        UsccProblem.Missing => ImportMessages.Of("uscc_missing"),
        UsccProblem.WrongLength => ImportMessages.Of("uscc_length"),
        UsccProblem.InvalidCharacter => ImportMessages.Of("uscc_character", check.Position),
        _ => ImportMessages.Of("uscc_check"),
    };

    private static void Text(SourceRow row, string column, string given, string trimmed, int maxLength, List<RowRejection> rejections)
    {
        if (trimmed.Length == 0)
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("empty")));
        }
        else if (trimmed.Length > maxLength)
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("too_long", maxLength, trimmed.Length)));
        }
    }

    private static decimal Amount(SourceRow row, string column, string given, List<RowRejection> rejections)
    {
        if (!TryDecimal(given, out var value))
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("not_decimal")));
        }
        else if (value < 0)
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("negative")));
        }
        else if (value >= Domain.Employer.AmountCeiling)
        {
            rejections.Add(new(row.Line, column, given, ImportMessages.Of("amount_too_large")));
        }

        // Stored in 10k yuan with 2 decimals (100 yuan): finer figures are rounded as the column keeps them.
        return Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }

    private static bool TryDecimal(string given, out decimal value) =>
        decimal.TryParse(given.AsSpan().Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

    private static bool? Flag(string given) => given.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "是" => true,
        "FALSE" or "0" or "否" => false,
        _ => null,
    };
}
