namespace Wenjiu.Platform.Rules;

/// <summary>
/// The closed set of units a dated parameter may have; each says which values fit it (see <see cref="ParameterUnits.Fits"/>).
/// A parameter file naming any other unit is refused, so a typo cannot turn a rate into a sum of money.
/// </summary>
public enum ParameterUnit
{
    /// <summary>A proportion between 0 and 1 (0.16 = 16%).</summary>
    Rate,

    /// <summary>A percentage between 0 and 100 (0.4 = 0.4%).</summary>
    Percent,

    /// <summary>An amount of money, non-negative, at most two decimals (fen).</summary>
    Yuan,

    /// <summary>An amount of money per month, non-negative, at most two decimals (fen).</summary>
    YuanPerMonth,

    /// <summary>An amount in units of 10,000 yuan (万元), non-negative.</summary>
    TenThousandYuan,

    /// <summary>A count of months, a non-negative whole number.</summary>
    Months,

    /// <summary>A calendar month written YYYY-MM.</summary>
    Month,

    /// <summary>A count of persons, a non-negative whole number.</summary>
    Persons,

    /// <summary>A count of days, a non-negative whole number (a target time, a window).</summary>
    Days,

    /// <summary>A count of hours, a non-negative whole number (a target time).</summary>
    Hours,

    /// <summary>A non-negative multiplier (1 = unchanged, 0.5 = halved, 0 = nothing).</summary>
    Factor,

    /// <summary>true or false.</summary>
    Boolean,
}

public static class ParameterUnits
{
    private static readonly Dictionary<string, ParameterUnit> ByName = new(StringComparer.Ordinal)
    {
        ["rate"] = ParameterUnit.Rate,
        ["percent"] = ParameterUnit.Percent,
        ["yuan"] = ParameterUnit.Yuan,
        ["yuan_per_month"] = ParameterUnit.YuanPerMonth,
        ["ten_thousand_yuan"] = ParameterUnit.TenThousandYuan,
        ["months"] = ParameterUnit.Months,
        ["month"] = ParameterUnit.Month,
        ["persons"] = ParameterUnit.Persons,
        ["days"] = ParameterUnit.Days,
        ["hours"] = ParameterUnit.Hours,
        ["factor"] = ParameterUnit.Factor,
        ["boolean"] = ParameterUnit.Boolean,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out ParameterUnit unit) => ByName.TryGetValue(name ?? "", out unit);

    public static string Name(this ParameterUnit unit) => ByName.First(u => u.Value == unit).Key;

    /// <summary>Whether a number is a value of the unit; <paramref name="problem"/> says why not.</summary>
    public static bool Fits(this ParameterUnit unit, decimal value, out string problem)
    {
        problem = unit switch
        {
            ParameterUnit.Rate when value is < 0 or > 1 => "a rate lies between 0 and 1 (write 16% as 0.16)",
            ParameterUnit.Percent when value is < 0 or > 100 => "a percentage lies between 0 and 100",
            ParameterUnit.Yuan or ParameterUnit.YuanPerMonth when value < 0 => "an amount of money is not negative",
            ParameterUnit.Yuan or ParameterUnit.YuanPerMonth when decimal.Round(value, 2) != value => "an amount of money has at most two decimals (fen)",
            ParameterUnit.TenThousandYuan when value < 0 => "an amount of money is not negative",
            ParameterUnit.Months or ParameterUnit.Persons or ParameterUnit.Days or ParameterUnit.Hours when value < 0 || decimal.Truncate(value) != value => "a count is a whole number, not negative",
            ParameterUnit.Factor when value < 0 => "a factor is not negative",
            _ => "",
        };
        return problem.Length == 0;
    }
}
