using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.SyntheticCity;

namespace Wenjiu.Web;

/// <summary>Demo mode only: the synthetic city at demo scale and one account per role. Production starts empty.</summary>
internal static class DemoData
{
    public const string Password = "Wenjiu-demo-2020";

    /// <summary>The demo city's seed; the enterprise account acts for the city's first employer.</summary>
    public const int Seed = 2020;

    public static readonly IReadOnlyList<(string UserName, string Role, string DisplayName)> Accounts =
    [
        ("admin", Roles.Administrator, "系统管理员 Administrator"),
        ("policy", Roles.PolicyOfficer, "政策处 Policy officer"),
        ("reviewer", Roles.Reviewer, "审核员 Reviewer"),
        ("specialist", Roles.ServiceSpecialist, "服务专员 Service specialist"),
        ("inspector", Roles.LabourInspector, "劳动监察员 Labour inspector"),
        ("enterprise", Roles.Enterprise, "企业用户 Enterprise user"),
        ("agency", Roles.HrAgency, "人力资源服务机构 HR agency"),
        ("seeker", Roles.JobSeeker, "求职者 Job seeker"),
        ("liaison", Roles.ProvinceLiaison, "省际联络员 Province liaison"),
    ];

    public static string EnterpriseUscc => new CityGenerator(Seed).Generate(0).Employer.Uscc;

    public static async Task EnsureSeededAsync(IServiceProvider services, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (!await registry.Employers.AnyAsync())
        {
            var directory = Path.Combine(Path.GetTempPath(), $"wenjiu-demo-{Guid.NewGuid():N}");
            try
            {
                var (employers, spells) = CityFiles.Write(CityScale.Demo, Seed, directory);
                logger.LogInformation("Seeding the demo city: {Employers} employers, {Spells} spells", employers, spells);
                var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
                await importer.ImportAsync(ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile), CityFiles.EmployersFile, "system");
                await importer.ImportAsync(ImportKind.Employment, Path.Combine(directory, CityFiles.EmploymentFile), CityFiles.EmploymentFile, "system");
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        await EnsureAccountsAsync(scope.ServiceProvider);
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
                EmployerUscc = role == Roles.Enterprise ? EnterpriseUscc : null,
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
