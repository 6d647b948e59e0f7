using Wenjiu.Platform.Identity;

namespace Wenjiu.Web.Security;

/// <summary>What people call each role, in both languages.</summary>
internal static class RoleNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        [Roles.Administrator] = "局系统管理员 Bureau administrator",
        [Roles.PolicyOfficer] = "政策处工作人员 Policy officer",
        [Roles.Reviewer] = "审核员 Reviewer",
        [Roles.ServiceSpecialist] = "服务专员 Service specialist",
        [Roles.LabourInspector] = "劳动保障监察员 Labour inspector",
        [Roles.Enterprise] = "企业用户 Enterprise user",
        [Roles.HrAgency] = "人力资源服务机构 HR agency user",
        [Roles.JobSeeker] = "求职者 Job seeker",
        [Roles.ProvinceLiaison] = "省际联络员 Province liaison",
    };

    public static string Describe(string role) => Names.GetValueOrDefault(role, role);
}
