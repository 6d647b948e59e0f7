using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Wenjiu.Platform.Identity;

/// <summary>
/// What each role may do: one named authorisation policy per action, built from <see cref="Table"/>, the only place
/// that says which roles hold which action (docs/permissions.md is this table in words, with the reasons). Pages,
/// API endpoints and navigation links name the action, never roles. An action held for the <em>own employer</em>
/// lets the role through the policy; the handler then shows it only the employer it acts for (404 for any other).
/// </summary>
public static class Permissions
{
    public const string SearchEmployers = "SearchEmployers";
    public const string ViewEmployer = "ViewEmployer";
    public const string EditEmployer = "EditEmployer";
    public const string LookUpPerson = "LookUpPerson";
    public const string ImportFiles = "ImportFiles";
    public const string ViewImports = "ViewImports";
    public const string RunAssessment = "RunAssessment";
    public const string ViewAssessments = "ViewAssessments";
    public const string ViewDeferrals = "ViewDeferrals";
    public const string RecordDeferrals = "RecordDeferrals";
    public const string ViewReports = "ViewReports";
    public const string Scenarios = "Scenarios";
    public const string ViewStatements = "ViewStatements";
    public const string ViewAudit = "ViewAudit";
    public const string ManageUsers = "ManageUsers";
    public const string ViewEvidence = "ViewEvidence";
    public const string ManageJobs = "ManageJobs";
    public const string ViewPayments = "ViewPayments";
    public const string ManagePayouts = "ManagePayouts";
    public const string ViewRefunds = "ViewRefunds";
    public const string RunRefunds = "RunRefunds";
    public const string ManageAgencies = "ManageAgencies";
    public const string RecordPlacements = "RecordPlacements";
    public const string ReviewTasks = "ReviewTasks";
    public const string LeadReviews = "LeadReviews";
    public const string ApplyForReview = "ApplyForReview";
    public const string SearchJobs = "SearchJobs";
    public const string DesignateKeyEnterprises = "DesignateKeyEnterprises";
    public const string ViewDemandLines = "ViewDemandLines";
    public const string EditDemandLines = "EditDemandLines";
    public const string WorkDemandLines = "WorkDemandLines";
    public const string LeadSpecialists = "LeadSpecialists";
    public const string ViewRecommendations = "ViewRecommendations";
    public const string ViewCandidates = "ViewCandidates";
    public const string ManageFairs = "ManageFairs";
    public const string ExhibitAtFairs = "ExhibitAtFairs";
    public const string SeekWork = "SeekWork";
    public const string RegisterSeekers = "RegisterSeekers";
    public const string ViewSeekers = "ViewSeekers";
    public const string WorkApplications = "WorkApplications";
    public const string ManagePostings = "ManagePostings";

    private static readonly string[] Nobody = [];

    /// <summary>Action → the roles that hold it for every record, and the roles that hold it for their own employer only.</summary>
    public static readonly IReadOnlyDictionary<string, Grant> Table = new Dictionary<string, Grant>(StringComparer.Ordinal)
    {
        [SearchEmployers] = new([Roles.Administrator, Roles.Reviewer, Roles.ServiceSpecialist, Roles.LabourInspector], Nobody),
        [ViewEmployer] = new([Roles.Administrator, Roles.Reviewer, Roles.ServiceSpecialist, Roles.LabourInspector], [Roles.Enterprise]),
        [EditEmployer] = new([Roles.Administrator, Roles.ServiceSpecialist], Nobody),
        [LookUpPerson] = new([Roles.Administrator, Roles.Reviewer, Roles.LabourInspector], Nobody),
        [ImportFiles] = new([Roles.Administrator], Nobody),
        [ViewImports] = new([Roles.Administrator, Roles.PolicyOfficer], Nobody),
        [RunAssessment] = new([Roles.Administrator, Roles.PolicyOfficer], Nobody),
        [ViewAssessments] = new([Roles.Administrator, Roles.PolicyOfficer], Nobody),
        [ViewDeferrals] = new([Roles.Administrator, Roles.Reviewer, Roles.ServiceSpecialist], Nobody),
        [RecordDeferrals] = new([Roles.Administrator, Roles.Reviewer], Nobody),
        [ViewReports] = new([Roles.Administrator, Roles.PolicyOfficer], Nobody),
        [Scenarios] = new([Roles.Administrator, Roles.PolicyOfficer], Nobody),
        [ViewStatements] = new([Roles.Administrator, Roles.Reviewer, Roles.ServiceSpecialist], [Roles.Enterprise]),
        [ViewAudit] = new([Roles.Administrator], Nobody),
        [ManageUsers] = new([Roles.Administrator], Nobody),
        // Evidence others uploaded: the staff who decide on an employer's application, and the employer's own users.
        [ViewEvidence] = new([Roles.Administrator, Roles.Reviewer, Roles.ServiceSpecialist], [Roles.Enterprise]),
        [ManageJobs] = new([Roles.Administrator], Nobody),
        // Payments (issue 9 §5–§7): the bank file holds account numbers in clear, so only administrators write it.
        [ViewPayments] = new([Roles.Administrator, Roles.Reviewer, Roles.PolicyOfficer], Nobody),
        [ManagePayouts] = new([Roles.Administrator], Nobody),
        [ViewRefunds] = new([Roles.Administrator, Roles.PolicyOfficer, Roles.Reviewer], [Roles.Enterprise]),
        [RunRefunds] = new([Roles.Administrator, Roles.PolicyOfficer], Nobody),
        [ManageAgencies] = new([Roles.Administrator, Roles.ServiceSpecialist], Nobody),
        [RecordPlacements] = new(Nobody, [Roles.HrAgency]),
        // The review queue (issue 9): reviewers claim and decide tasks; the administrator leads the team (reassigns,
        // distributes, sees every reviewer's load and is told of overdue tasks); an enterprise applies and answers for itself.
        [ReviewTasks] = new([Roles.Administrator, Roles.Reviewer], Nobody),
        [LeadReviews] = new([Roles.Administrator], Nobody),
        [ApplyForReview] = new(Nobody, [Roles.Enterprise]),
        // Online recruitment (issue 10): every signed-in user searches the open postings (their data is public by nature).
        [SearchJobs] = new([Roles.Administrator, Roles.PolicyOfficer, Roles.Reviewer, Roles.ServiceSpecialist, Roles.LabourInspector, Roles.Enterprise, Roles.HrAgency, Roles.JobSeeker, Roles.ProvinceLiaison], Nobody),
        // The demand ledger (issue 10 §1): policy officers and administrators designate key enterprises; an enterprise
        // keeps its own demand lines, specialists keep every line and work theirs; the administrator leads the specialists.
        [DesignateKeyEnterprises] = new([Roles.Administrator, Roles.PolicyOfficer], Nobody),
        [ViewDemandLines] = new([Roles.Administrator, Roles.PolicyOfficer, Roles.ServiceSpecialist], [Roles.Enterprise]),
        [EditDemandLines] = new([Roles.Administrator, Roles.ServiceSpecialist], [Roles.Enterprise]),
        [WorkDemandLines] = new([Roles.Administrator, Roles.ServiceSpecialist], Nobody),
        [LeadSpecialists] = new([Roles.Administrator], Nobody),
        [ViewRecommendations] = new([Roles.Administrator, Roles.ServiceSpecialist], Nobody),
        [ViewCandidates] = new([Roles.Administrator, Roles.ServiceSpecialist], Nobody),
        [ManageFairs] = new([Roles.Administrator, Roles.PolicyOfficer, Roles.ServiceSpecialist], Nobody),
        [ExhibitAtFairs] = new([Roles.Administrator], [Roles.Enterprise]),
        [SeekWork] = new([Roles.JobSeeker], Nobody),
        [RegisterSeekers] = new([Roles.Administrator, Roles.ServiceSpecialist], [Roles.HrAgency]),
        [ViewSeekers] = new([Roles.Administrator, Roles.ServiceSpecialist], [Roles.Enterprise, Roles.HrAgency]),
        [WorkApplications] = new([Roles.Administrator], [Roles.Enterprise]),
        [ManagePostings] = new([Roles.Administrator], [Roles.Enterprise]),
    };

    /// <summary>Registers one policy per action, named as the action: a user passes when it holds the action at all.</summary>
    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        foreach (var (action, grant) in Table)
        {
            authorization.AddPolicy(action, policy => policy.RequireRole([.. grant.Everywhere, .. grant.OwnEmployer]));
        }

        return authorization;
    }

    /// <summary>Whether the user holds <paramref name="action"/> for some record (every record, or its own employer's).</summary>
    public static bool May(this ClaimsPrincipal user, string action)
    {
        ArgumentNullException.ThrowIfNull(user);
        var grant = GrantOf(action);
        return grant.Everywhere.Any(user.IsInRole) || (grant.OwnEmployer.Any(user.IsInRole) && user.EmployerUscc() is { Length: > 0 });
    }

    /// <summary>Whether the user holds <paramref name="action"/> for every record (not only its own employer's).</summary>
    public static bool MayEverywhere(this ClaimsPrincipal user, string action)
    {
        ArgumentNullException.ThrowIfNull(user);
        return GrantOf(action).Everywhere.Any(user.IsInRole);
    }

    /// <summary>Whether the user holds <paramref name="action"/> for the employer <paramref name="uscc"/>.</summary>
    public static bool MayFor(this ClaimsPrincipal user, string action, string uscc)
    {
        ArgumentNullException.ThrowIfNull(user);
        var grant = GrantOf(action);
        return grant.Everywhere.Any(user.IsInRole)
            || (grant.OwnEmployer.Any(user.IsInRole) && string.Equals(user.EmployerUscc(), uscc, StringComparison.Ordinal));
    }

    private static Grant GrantOf(string action) =>
        Table.TryGetValue(action, out var grant) ? grant : throw new ArgumentException($"No action {action} in the permission table.", nameof(action));
}

/// <summary>Who holds an action: for every record, or only for the employer a user acts for.</summary>
public sealed record Grant(IReadOnlyList<string> Everywhere, IReadOnlyList<string> OwnEmployer);
