using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Contracts;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>
/// One employer's refund with its reasoning ("why not", and the smallest change that would pass): the rule run again on
/// the registry's history for that employer alone, so the trace is the rule's own, not a description of it.
/// </summary>
internal sealed class RefundExplanation(IContributionHistory history, IReliefCategories categories)
{
    /// <summary>Null when the registry has no such employer or the year has no rules.</summary>
    public async Task<RefundResult?> ExplainAsync(int year, string uscc, CancellationToken cancellationToken = default)
    {
        if (!RefundParameters.Covers(year))
        {
            return null;
        }

        var p = RefundParameters.For(year);
        var employer = await history.FindAsync(uscc, p.FirstMonth, p.LastMonth, p.BaselineMonth, p.LastMonth, cancellationToken);
        return employer is null ? null : RefundRules.Judge(employer, categories.CategoryOf(employer.Uscc, employer.PolicySizeClass), p);
    }
}
