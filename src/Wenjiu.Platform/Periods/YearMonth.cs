using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wenjiu.Platform.Periods;

/// <summary>A contribution period (费款所属期): a calendar month, written <c>YYYY-MM</c>.</summary>
public readonly record struct YearMonth : IComparable<YearMonth>, IParsable<YearMonth>
{
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>Months since year 0, a dense integer handy for storage and arithmetic.</summary>
    public int Ordinal => (Year * 12) + Month - 1;

    public static YearMonth FromOrdinal(int ordinal) => new(ordinal / 12, (ordinal % 12) + 1);

    public static YearMonth FromDate(DateOnly date) => new(date.Year, date.Month);

    /// <summary>
    /// The month as the tables store it: a <c>yyyymm</c> integer (202002), which sorts and compares as months do, and
    /// reads the same in hand-written SQL (COPY, reports). The one conversion: EF maps <see cref="YearMonth"/> columns
    /// through <see cref="YearMonthNumberConverter"/>, set-based SQL uses the same numbers.
    /// </summary>
    public int Number => (Year * 100) + Month;

    public static YearMonth FromNumber(int yyyymm) => new(yyyymm / 100, yyyymm % 100);

    public DateOnly FirstDay => new(Year, Month, 1);

    public YearMonth AddMonths(int months) => FromOrdinal(Ordinal + months);

    public int CompareTo(YearMonth other) => Ordinal.CompareTo(other.Ordinal);

    public static bool operator <(YearMonth left, YearMonth right) => left.Ordinal < right.Ordinal;

    public static bool operator >(YearMonth left, YearMonth right) => left.Ordinal > right.Ordinal;

    public static bool operator <=(YearMonth left, YearMonth right) => left.Ordinal <= right.Ordinal;

    public static bool operator >=(YearMonth left, YearMonth right) => left.Ordinal >= right.Ordinal;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    public static YearMonth Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var result) ? result : throw new FormatException($"'{s}' is not a month written YYYY-MM.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out YearMonth result) =>
        TryParse(s.AsSpan(), out result);

    public static bool TryParse(ReadOnlySpan<char> s, out YearMonth result)
    {
        result = default;
        s = s.Trim();
        if (s.Length != 7 || s[4] != '-'
            || !int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1900 || month is < 1 or > 12)
        {
            return false;
        }

        result = new YearMonth(year, month);
        return true;
    }
}
