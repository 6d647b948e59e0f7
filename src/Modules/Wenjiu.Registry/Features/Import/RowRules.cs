using System.Globalization;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>An employer row that passed every rule of its own, ready to stage.</summary>
internal sealed record StagedEmployer(
    long Line, string Uscc, string Name, string Industry, string District, int Employees, decimal Revenue, decimal TotalAssets,
    decimal InjuryRate, bool KeyEnterprise, SizeClass SizeClass);

/// <summary>A spell row that passed every rule of its own; the identity number is already encrypted and hashed.</summary>
internal sealed record StagedSpell(
    long Line, byte[] IdHash, byte[] IdCipher, string Name, DateOnly BirthDate, Gender Gender, string Uscc, int StartMonth, int? EndMonth, decimal Wage);

/// <summary>
/// The rules of interchange.md that one row can be checked against on its own. Every broken rule is reported (a row
/// may be reported once per broken rule); rules that need other rows (duplicates, overlaps) run set-based on the
/// staged rows (<see cref="IImportStore"/>).
/// </summary>
internal sealed class RowRules(SmeSizeStandard sizeStandard, PersonalDataProtector protector, IReadOnlySet<string>? registeredEmployers)
{
    /// <summary>Work-injury rate band of the employer's industry class, percent (interchange.md, 人社部发〔2015〕71号).</summary>
    private const decimal LowestInjuryRate = 0.1m;
    private const decimal HighestInjuryRate = 2.85m;

    /// <summary>numeric(18,2) holds 16 digits before the point; more cannot be stored.</summary>
    private const decimal AmountCeiling = 10_000_000_000_000_000m;

    /// <summary>numeric(12,2): a monthly wage of ten billion yuan is not a wage.</summary>
    private const decimal WageCeiling = 10_000_000_000m;

    public StagedEmployer? Employer(SourceRow row, List<RowRejection> rejections)
    {
        if (Unsplittable(row, rejections))
        {
            return null;
        }

        var v = row.Values;
        var before = rejections.Count;
        var uscc = v[0].Trim();
        var usccCheck = UnifiedSocialCreditCode.Validate(uscc);
        if (!usccCheck.IsValid)
        {
            rejections.Add(new(row.Line, "uscc", v[0], usccCheck.Describe()));
        }

        var name = v[1].Trim();
        Text(row, "name", v[1], name, 200, rejections);
        var industry = v[2].Trim();
        if (!Industries.IsKnown(industry))
        {
            rejections.Add(new(row.Line, "industry", v[2], "not an industry of the SME size standard (agriculture, industry, construction, wholesale, retail, transport, warehousing, postal, accommodation, catering, information_transmission, software_it, real_estate, property_management, leasing_business, other)"));
        }

        var district = v[3].Trim();
        if (!Districts.IsKnown(district))
        {
            rejections.Add(new(row.Line, "district", v[3], "not the GB/T 2260 code of one of Beijing's 16 districts"));
        }

        int employees = 0;
        if (!int.TryParse(v[4].AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out employees))
        {
            rejections.Add(new(row.Line, "employees", v[4], "not a whole number"));
        }
        else if (employees < 0)
        {
            rejections.Add(new(row.Line, "employees", v[4], "must not be negative"));
        }

        var revenue = Amount(row, "revenue", v[5], rejections);
        var totalAssets = Amount(row, "total_assets", v[6], rejections);
        decimal injuryRate = 0;
        if (!TryDecimal(v[7], out injuryRate))
        {
            rejections.Add(new(row.Line, "injury_rate", v[7], "not a decimal number"));
        }
        else if (injuryRate is < LowestInjuryRate or > HighestInjuryRate)
        {
            rejections.Add(new(row.Line, "injury_rate", v[7], "a work-injury rate lies between 0.1 and 2.85 percent"));
        }

        var key = Flag(v[8]);
        if (key is null)
        {
            rejections.Add(new(row.Line, "key_enterprise", v[8], "write true or false (also 1/0, 是/否)"));
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
        if (Unsplittable(row, rejections))
        {
            return null;
        }

        var v = row.Values;
        var before = rejections.Count;
        var idNumber = v[0].Trim().ToUpperInvariant();
        var idCheck = ResidentIdentityNumber.Validate(idNumber);
        if (!idCheck.IsValid)
        {
            rejections.Add(new(row.Line, "id_number", v[0], idCheck.Describe()));
        }

        var name = v[1].Trim();
        Text(row, "name", v[1], name, 100, rejections);
        var uscc = v[2].Trim();
        if (uscc.Length == 0)
        {
            rejections.Add(new(row.Line, "uscc", v[2], "the employer's unified social credit code is missing"));
        }
        else if (registeredEmployers is not null && !registeredEmployers.Contains(uscc))
        {
            rejections.Add(new(row.Line, "uscc", v[2], "no employer with this code is registered or in this import"));
        }

        var startValid = YearMonth.TryParse(v[3], out var start);
        if (!startValid)
        {
            rejections.Add(new(row.Line, "start_month", v[3], "not a month written YYYY-MM"));
        }

        YearMonth? end = null;
        if (!string.IsNullOrWhiteSpace(v[4]))
        {
            if (!YearMonth.TryParse(v[4], out var parsed))
            {
                rejections.Add(new(row.Line, "end_month", v[4], "not a month written YYYY-MM (leave it empty while employed)"));
            }
            else if (startValid && parsed < start)
            {
                rejections.Add(new(row.Line, "end_month", v[4], $"the last month is before the first ({start})"));
            }
            else
            {
                end = parsed;
            }
        }

        decimal wage = 0;
        if (!TryDecimal(v[5], out wage))
        {
            rejections.Add(new(row.Line, "wage", v[5], "not a decimal number"));
        }
        else if (wage < 0)
        {
            rejections.Add(new(row.Line, "wage", v[5], "must not be negative"));
        }
        else if (wage.Scale > 2 && wage != Math.Round(wage, 2))
        {
            rejections.Add(new(row.Line, "wage", v[5], "a wage in yuan has at most 2 decimals"));
        }
        else if (wage >= WageCeiling)
        {
            rejections.Add(new(row.Line, "wage", v[5], "too large for a monthly wage"));
        }

        if (rejections.Count > before)
        {
            return null;
        }

        return new StagedSpell(
            row.Line, protector.LookupHash(idNumber), protector.Encrypt(idNumber), name, ResidentIdentityNumber.BirthDate(idNumber)!.Value,
            ResidentIdentityNumber.GenderOf(idNumber), uscc, MonthNumber(start), end is { } e ? MonthNumber(e) : null, wage);
    }

    /// <summary>Months are stored as <c>yyyymm</c> (see <see cref="EmploymentSpell"/>).</summary>
    internal static int MonthNumber(YearMonth month) => (month.Year * 100) + month.Month;

    private static bool Unsplittable(SourceRow row, List<RowRejection> rejections)
    {
        if (row.Problem is null)
        {
            return false;
        }

        rejections.Add(new(row.Line, "", row.RawText ?? "", row.Problem));
        return true;
    }

    private static void Text(SourceRow row, string column, string given, string trimmed, int maxLength, List<RowRejection> rejections)
    {
        if (trimmed.Length == 0)
        {
            rejections.Add(new(row.Line, column, given, "must not be empty"));
        }
        else if (trimmed.Length > maxLength)
        {
            rejections.Add(new(row.Line, column, given, $"longer than {maxLength} characters ({trimmed.Length})"));
        }
    }

    private static decimal Amount(SourceRow row, string column, string given, List<RowRejection> rejections)
    {
        if (!TryDecimal(given, out var value))
        {
            rejections.Add(new(row.Line, column, given, "not a decimal number"));
        }
        else if (value < 0)
        {
            rejections.Add(new(row.Line, column, given, "must not be negative"));
        }
        else if (value >= AmountCeiling)
        {
            rejections.Add(new(row.Line, column, given, "too large (at most 16 digits before the decimal point)"));
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
