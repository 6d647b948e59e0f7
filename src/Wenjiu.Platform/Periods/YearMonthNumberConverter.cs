using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Wenjiu.Platform.Periods;

/// <summary>A <see cref="YearMonth"/> column stored as its <c>yyyymm</c> number (<see cref="YearMonth.Number"/>), on both providers.</summary>
public sealed class YearMonthNumberConverter() : ValueConverter<YearMonth, int>(m => m.Number, n => YearMonth.FromNumber(n));

public static class YearMonthConventions
{
    /// <summary>Every <see cref="YearMonth"/> property of the model as a <c>yyyymm</c> integer column (call from <c>ConfigureConventions</c>).</summary>
    public static void AddYearMonthNumbers(this ModelConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Properties<YearMonth>().HaveConversion<YearMonthNumberConverter>();
    }
}
