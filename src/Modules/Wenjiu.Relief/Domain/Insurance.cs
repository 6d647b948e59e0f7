namespace Wenjiu.Relief.Domain;

/// <summary>The five social insurances (五险) an employer declares monthly.</summary>
internal enum Insurance
{
    Pension,
    Unemployment,
    WorkInjury,
    Medical,
    Maternity,
}

/// <summary>Who pays a line: the employer (单位) or the insured employee (个人).</summary>
internal enum Party
{
    Employer,
    Employee,
}

/// <summary>The 2020 relief category of an employer (relief-rules.md "Who gets which relief").</summary>
internal enum ReliefCategory
{
    /// <summary>Micro, small and medium enterprises; individual businesses insured as a unit: employer part exempt.</summary>
    Sme,

    /// <summary>Large enterprises, social groups, private non-enterprise units, foundations, other units: halved.</summary>
    LargeOrOther,

    /// <summary>Government organs and public institutions: no relief.</summary>
    None,
}

/// <summary>A line is a percentage of the base, or the medical 3 yuan flat amount.</summary>
internal enum LineKind
{
    Rate,
    Flat,
}

/// <summary>The names the rule files, the API and the CLI use.</summary>
internal static class ReliefNames
{
    public static readonly Insurance[] Insurances = [Insurance.Pension, Insurance.Unemployment, Insurance.WorkInjury, Insurance.Medical, Insurance.Maternity];

    public static string Code(this Insurance insurance) => insurance switch
    {
        Insurance.Pension => "pension",
        Insurance.Unemployment => "unemployment",
        Insurance.WorkInjury => "work_injury",
        Insurance.Medical => "medical",
        _ => "maternity",
    };

    public static string Code(this Party party) => party == Party.Employer ? "employer" : "employee";

    public static string Code(this LineKind kind) => kind == LineKind.Rate ? "rate" : "flat";

    public static string Code(this ReliefCategory category) => category switch
    {
        ReliefCategory.Sme => "sme",
        ReliefCategory.LargeOrOther => "large_or_other",
        _ => "none",
    };

    public static bool TryParseCategory(string? code, out ReliefCategory category)
    {
        foreach (var c in Enum.GetValues<ReliefCategory>())
        {
            if (c.Code() == code)
            {
                category = c;
                return true;
            }
        }

        category = default;
        return false;
    }
}
