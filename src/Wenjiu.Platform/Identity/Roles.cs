namespace Wenjiu.Platform.Identity;

/// <summary>The roles of the brief. Names are stable identifiers stored in the database.</summary>
public static class Roles
{
    public const string Administrator = "bureau_admin";
    public const string PolicyOfficer = "policy_officer";
    public const string Reviewer = "reviewer";
    public const string ServiceSpecialist = "service_specialist";
    public const string LabourInspector = "labour_inspector";
    public const string Enterprise = "enterprise";
    public const string HrAgency = "hr_agency";
    public const string JobSeeker = "job_seeker";
    public const string ProvinceLiaison = "province_liaison";

    public static readonly IReadOnlyList<string> All =
    [
        Administrator, PolicyOfficer, Reviewer, ServiceSpecialist, LabourInspector, Enterprise, HrAgency, JobSeeker, ProvinceLiaison,
    ];

    /// <summary>Bureau staff: they must use two-factor sign-in outside demo mode.</summary>
    public static readonly IReadOnlyList<string> Staff =
    [
        Administrator, PolicyOfficer, Reviewer, ServiceSpecialist, LabourInspector,
    ];

    /// <summary>Comma-joined, for <c>[Authorize(Roles = ...)]</c>.</summary>
    public const string StaffList = Administrator + "," + PolicyOfficer + "," + Reviewer + "," + ServiceSpecialist + "," + LabourInspector;

    /// <summary>Staff who work with identity numbers in clear (look-up of a person, registry corrections).</summary>
    public const string UnmaskedIdentityList = Administrator + "," + Reviewer + "," + LabourInspector;
}
