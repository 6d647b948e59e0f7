namespace Wenjiu.Registry.Contracts;

public sealed record District(string Code, string NameZh, string NameEn);

/// <summary>Beijing's 16 districts with their GB/T 2260 codes (policy.md §7).</summary>
public static class Districts
{
    public static readonly IReadOnlyList<District> All =
    [
        new("110101", "东城区", "Dongcheng"),
        new("110102", "西城区", "Xicheng"),
        new("110105", "朝阳区", "Chaoyang"),
        new("110106", "丰台区", "Fengtai"),
        new("110107", "石景山区", "Shijingshan"),
        new("110108", "海淀区", "Haidian"),
        new("110109", "门头沟区", "Mentougou"),
        new("110111", "房山区", "Fangshan"),
        new("110112", "通州区", "Tongzhou"),
        new("110113", "顺义区", "Shunyi"),
        new("110114", "昌平区", "Changping"),
        new("110115", "大兴区", "Daxing"),
        new("110116", "怀柔区", "Huairou"),
        new("110117", "平谷区", "Pinggu"),
        new("110118", "密云区", "Miyun"),
        new("110119", "延庆区", "Yanqing"),
    ];

    private static readonly Dictionary<string, District> ByCode = All.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static District? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var d) ? d : null;

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);
}
