using Wenjiu.Registry.Contracts;

namespace Wenjiu.Relief.Rules;

/// <summary>
/// The classes the bureau reports relief by (issue 3 §4): the four SME size classes for employers categorised by
/// size, individual businesses (个体工商户) on their own, and every other unit (organs, institutions, social
/// organisations) as <c>other</c>. The published figures (1,044 yuan per insured for large employers, 1,245 for SMEs)
/// are quoted in these classes.
/// </summary>
internal static class ReportClasses
{
    public const string Large = "large";
    public const string Medium = "medium";
    public const string Small = "small";
    public const string Micro = "micro";
    public const string IndividualBusiness = "individual_business";
    public const string Other = "other";

    /// <summary>In the order reports list them.</summary>
    public static readonly IReadOnlyList<string> All = [Large, Medium, Small, Micro, IndividualBusiness, Other];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);

    public static int Order(string code) => All.IndexOf(code) is var i and >= 0 ? i : All.Count;

    /// <summary>The report class of a categorised employer.</summary>
    public static string Of(CategoryDecision decision, ReliefCategories categories)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Of(decision.EntityType, decision.SizeClass, categories);
    }

    /// <summary>The report class from the entity type and size class: one rule for the reports and the assessment.</summary>
    public static string Of(EntityType entityType, SizeClass? sizeClass, ReliefCategories categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (entityType == EntityType.IndividualBusiness)
        {
            return IndividualBusiness;
        }

        return categories.NeedsSizeClass(entityType) && sizeClass is { } size
            ? SizeClassification.ClassNameEn(size)
            : Other;
    }

    private static int IndexOf(this IReadOnlyList<string> list, string code)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
