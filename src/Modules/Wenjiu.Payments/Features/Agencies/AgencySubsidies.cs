namespace Wenjiu.Payments.Features.Agencies;

/// <summary>The HR-agency placement subsidy (issue 9 §6).</summary>
internal sealed class AgencySubsidies
{
    /// <summary>The review kind of an agency's subsidy claim.</summary>
    public const string ClaimKind = "payments.agency_subsidy";

    public const string Group = "agency_subsidies";
}
