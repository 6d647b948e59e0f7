using System.Globalization;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Localization;

/// <summary>
/// The recruitment module's texts. <c>RecruitmentText.resx</c> holds zh-CN (the default culture), <c>RecruitmentText.en.resx</c>
/// English; a test keeps the two key sets equal.
/// </summary>
internal sealed class RecruitmentText;

/// <summary>Names of the taxonomy's and the registry's codes in the current UI language (data keeps its own zh/en names).</summary>
internal static class RecruitmentDisplay
{
    public static bool Chinese => !CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public static string District(string code) =>
        Districts.All.FirstOrDefault(d => d.Code == code) is { } d ? (Chinese ? d.NameZh : d.NameEn) : code;

    public static string Occupation(string code) =>
        OccupationTaxonomy.Occupations.FirstOrDefault(o => o.Code == code) is { } o ? (Chinese ? o.NameZh : o.NameEn) : code;

    public static string Skill(string code) =>
        OccupationTaxonomy.FindSkill(code) is { } s ? (Chinese ? s.NameZh : s.NameEn) : code;

    public static string Title(JobTitles titles) => Chinese || titles.En.Length == 0 ? titles.Zh : titles.En;
}

internal sealed record JobTitles(string Zh, string En);
