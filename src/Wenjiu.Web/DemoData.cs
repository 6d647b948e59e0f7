using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Modules;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Web;

/// <summary>Demo mode only: the synthetic city at demo scale and one account per role. Production starts empty.</summary>
internal static class DemoData
{
    public const string Password = "Wenjiu-demo-2020";

    public static readonly IReadOnlyList<(string UserName, string Role, string DisplayName)> Accounts =
    [
        ("admin", Roles.Administrator, "系统管理员 Administrator"),
        ("policy", Roles.PolicyOfficer, "政策处 Policy officer"),
        ("reviewer", Roles.Reviewer, "审核员 Reviewer"),
        ("specialist", Roles.ServiceSpecialist, "服务专员 Service specialist"),
        ("specialist2", Roles.ServiceSpecialist, "服务专员（外城区） Service specialist, outer districts"),
        ("inspector", Roles.LabourInspector, "劳动监察员 Labour inspector"),
        ("enterprise", Roles.Enterprise, "企业用户 Enterprise user"),
        ("agency", Roles.HrAgency, "人力资源服务机构 HR agency"),
        ("agency2", Roles.HrAgency, "人力资源服务机构（未达档） HR agency below the tier"),
        ("seeker", Roles.JobSeeker, "求职者 Job seeker"),
        ("liaison", Roles.ProvinceLiaison, "省际联络员 Province liaison"),
    ];

    public static string EnterpriseUscc => DemoCity.EnterpriseUscc;

    /// <summary>
    /// One account per role, then every module's demo data (in the order the modules were added): the accounts first,
    /// because demo data may act as a demo user through another module's rules (the payments demo's reviewer approves
    /// in the review queue, which lets only reviewers decide).
    /// </summary>
    public static async Task EnsureSeededAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await EnsureAccountsAsync(scope.ServiceProvider);
        foreach (var data in scope.ServiceProvider.GetServices<IDemoData>())
        {
            await data.SeedAsync(CancellationToken.None);
        }
    }

    private static async Task EnsureAccountsAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = services.GetRequiredService<UserManager<WenjiuUser>>();
        foreach (var (userName, role, displayName) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new WenjiuUser
            {
                UserName = userName,
                DisplayName = displayName,
                EmployerUscc = role == Roles.Enterprise ? EnterpriseUscc : userName switch
                {
                    "agency" => Wenjiu.Payments.PaymentsModule.DemoPaidAgencyUscc,
                    "agency2" => Wenjiu.Payments.PaymentsModule.DemoSmallAgencyUscc,
                    _ => null,
                },
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
        }
    }

    public static string SignInsText()
    {
        var text = new StringBuilder();
        text.AppendLine("Demo sign-ins (demo mode only), password for all: " + Password);
        foreach (var (userName, role, _) in Accounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {userName,-12} {role}");
        }

        return text.ToString();
    }
}
