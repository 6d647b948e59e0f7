using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Data;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Admin.Users;

/// <summary>An administrator creates an account with one role; an enterprise user is bound to a registered employer.</summary>
internal sealed class CreateModel(AccountCreation accounts, RegistryDbContext registry) : PageModel
{
    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    /// <summary>After creation: the user name and the password to hand over (shown once when it was generated).</summary>
    public string? CreatedUserName { get; private set; }

    public string? GeneratedPassword { get; private set; }

    public static IEnumerable<(string Value, string Name)> RoleChoices => Roles.All.Select(role => (role, RoleNames.Describe(role)));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Input.Role) && !Roles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", "请选择角色 Choose a role");
        }

        if (Input.Role == Roles.Enterprise)
        {
            if (await EmployerBinding.ProblemAsync(registry, Input.EmployerUscc, cancellationToken) is { } problem)
            {
                ModelState.AddModelError("Input.EmployerUscc", problem);
            }
        }
        else if (!string.IsNullOrWhiteSpace(Input.EmployerUscc))
        {
            ModelState.AddModelError("Input.EmployerUscc", "只有企业用户绑定单位 Only enterprise users are bound to an employer: leave this empty");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.CreateAsync(new NewAccount(Input.UserName, Input.DisplayName ?? "", Input.Role, Input.EmployerUscc, Input.Password), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors.Select(AccountCreation.Describe))
            {
                ModelState.AddModelError($"Input.{field}", message);
            }

            return Page();
        }

        CreatedUserName = Input.UserName.Trim();
        GeneratedPassword = string.IsNullOrEmpty(Input.Password) ? result.Password : null;
        return Page();
    }
}

internal sealed class NewUserInput
{
    [Required(ErrorMessage = "请输入用户名 Enter a user name")]
    [StringLength(256)]
    [Display(Name = "用户名 User name")]
    public string UserName { get; set; } = "";

    [StringLength(100)]
    [Display(Name = "姓名或名称 Display name")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "请选择角色 Choose a role")]
    [Display(Name = "角色 Role")]
    public string Role { get; set; } = "";

    [StringLength(18)]
    [Display(Name = "所属单位统一社会信用代码（企业用户）Employer's unified social credit code (enterprise users)")]
    public string? EmployerUscc { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "初始密码（留空则自动生成）Initial password (leave empty to generate one)")]
    public string? Password { get; set; }
}
