using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Calculate;

/// <summary>The category table of the rule set in force (<see cref="ReliefCategories"/>) offered to other modules.</summary>
internal sealed class ReliefCategoriesForModules(ReliefRuleSet rules) : IReliefCategories
{
    public EmployerReliefCategory CategoryOf(string uscc, SizeClass sizeClass) =>
        rules.Categories.CategoryOf(UnifiedSocialCreditCode.EntityTypeOf(uscc), sizeClass) switch
        {
            ReliefCategory.Sme => EmployerReliefCategory.Sme,
            ReliefCategory.LargeOrOther => EmployerReliefCategory.LargeOrOther,
            _ => EmployerReliefCategory.None,
        };
}
