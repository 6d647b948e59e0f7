namespace Wenjiu.Registry.Contracts;

public sealed record Industry(string Code, string NameZh, string NameEn, EconomicSector Sector);

public enum EconomicSector
{
    Primary,
    Secondary,
    Tertiary,
}

/// <summary>The 16 industry groups of the SME size standard (policy.md §3), as written in the interchange files.</summary>
public static class Industries
{
    public static readonly IReadOnlyList<Industry> All =
    [
        new("agriculture", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry, fishery", EconomicSector.Primary),
        new("industry", "工业", "Industry", EconomicSector.Secondary),
        new("construction", "建筑业", "Construction", EconomicSector.Secondary),
        new("wholesale", "批发业", "Wholesale", EconomicSector.Tertiary),
        new("retail", "零售业", "Retail", EconomicSector.Tertiary),
        new("transport", "交通运输业", "Transport (excl. rail)", EconomicSector.Tertiary),
        new("warehousing", "仓储业", "Warehousing", EconomicSector.Tertiary),
        new("postal", "邮政业", "Postal", EconomicSector.Tertiary),
        new("accommodation", "住宿业", "Accommodation", EconomicSector.Tertiary),
        new("catering", "餐饮业", "Catering", EconomicSector.Tertiary),
        new("information_transmission", "信息传输业", "Information transmission", EconomicSector.Tertiary),
        new("software_it", "软件和信息技术服务业", "Software and IT services", EconomicSector.Tertiary),
        new("real_estate", "房地产开发经营", "Real-estate development", EconomicSector.Tertiary),
        new("property_management", "物业管理", "Property management", EconomicSector.Tertiary),
        new("leasing_business", "租赁和商务服务业", "Leasing and business services", EconomicSector.Tertiary),
        new("other", "其他未列明行业", "Other unlisted industries", EconomicSector.Tertiary),
    ];

    private static readonly Dictionary<string, Industry> ByCode = All.ToDictionary(i => i.Code, StringComparer.Ordinal);

    public static Industry? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var i) ? i : null;

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);
}
