using System.Globalization;
using Wenjiu.Platform.Localization;

namespace Wenjiu.Platform.Money;

/// <summary>
/// Money as a person reads it, always with its unit: yuan with two decimals (<c>1,234.56 元</c>) or, for city-wide
/// totals, 万元 (10,000 yuan) with two decimals (<c>1,234.56 万元</c>). Amounts are computed and stored in yuan;
/// only display divides. Headings of columns of amounts carry the unit instead (<c>减免额（元）</c>).
/// </summary>
public static class MoneyText
{
    public const decimal YuanPerTenThousand = 10_000m;

    /// <summary>The number alone, two decimals with thousands separators (inside a column headed with its unit).</summary>
    public static string Number(decimal yuan) => yuan.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary><c>1,234.56 元</c> / <c>1,234.56 yuan</c>.</summary>
    public static string Yuan(decimal yuan) => PlatformText.Get("Money.Yuan", Number(yuan));

    /// <summary>Yuan shown in 万元: <c>12.35 万元</c> / <c>12.35 × 10k yuan</c>.</summary>
    public static string TenThousandYuan(decimal yuan) => PlatformText.Get("Money.TenThousandYuan", Number(InTenThousands(yuan)));

    /// <summary>The number of 万元 in an amount of yuan, rounded to two decimals (half away from zero) for display.</summary>
    public static decimal InTenThousands(decimal yuan) => Math.Round(yuan / YuanPerTenThousand, 2, MidpointRounding.AwayFromZero);

    /// <summary>A heading over amounts in yuan: <c>减免额（元）</c> / <c>Relief (yuan)</c>.</summary>
    public static string HeadingInYuan(string heading) => PlatformText.Get("Money.InYuan", heading);

    /// <summary>A heading over amounts in 万元: <c>减免额（万元）</c> / <c>Relief (10k yuan)</c>.</summary>
    public static string HeadingInTenThousandYuan(string heading) => PlatformText.Get("Money.InTenThousandYuan", heading);

    /// <summary>"元" / "yuan".</summary>
    public static string YuanUnit => PlatformText.Get("Money.YuanUnit");

    /// <summary>"万元" / "10k yuan" (a chart's axis name).</summary>
    public static string TenThousandYuanUnit => PlatformText.Get("Money.TenThousandYuanUnit");
}
