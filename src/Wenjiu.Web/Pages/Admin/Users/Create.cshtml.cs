using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Web.Localization;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Admin.Users;

/// <summary>An administrator creates an account with one role; an enterprise user is bound to a registered employer.</summary>
internal sealed class CreateModel(AccountCreation accounts, IEmployerDirectory registry, IStringLocalizer<AccountText> text) : PageModel
{
    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    /// <summary>After creation: the user name and the password to hand over (shown once when it was generated).</summary>
    public string? CreatedUserName { get; private set; }

    public string? GeneratedPassword { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.UserName))
        {
            ModelState.AddModelError("Input.UserName", text["Create.EnterUserName"]);
        }

        if (string.IsNullOrEmpty(Input.Role) || !Roles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", text["Create.ChooseRole"]);
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
            ModelState.AddModelError("Input.EmployerUscc", text["Create.OnlyEnterprise"]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var result = await accounts.CreateAsync(new NewAccount(Input.UserName ?? "", Input.DisplayName ?? "", Input.Role!, Input.EmployerUscc, Input.Password), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var (field, message) = Describe(error);
                ModelState.AddModelError($"Input.{field}", message);
            }

            return Page();
        }

        CreatedUserName = Input.UserName!.Trim();
        GeneratedPassword = string.IsNullOrEmpty(Input.Password) ? result.Password : null;
        return Page();
    }

    /// <summary>Identity's messages are English: the field each concerns and its text in the reader's language.</summary>
    private (string Field, string Message) Describe(Microsoft.AspNetCore.Identity.IdentityError error) => error.Code switch
    {
        "DuplicateUserName" => ("UserName", text["Create.DuplicateUserName"]),
        "InvalidUserName" => ("UserName", text["Create.InvalidUserName"]),
        "PasswordTooShort" => ("Password", text["Password.TooShort"]),
        "PasswordRequiresDigit" => ("Password", text["Password.RequiresDigit"]),
        "PasswordRequiresLower" => ("Password", text["Password.RequiresLower"]),
        "PasswordRequiresUpper" => ("Password", text["Password.RequiresUpper"]),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => ("Password", text["Password.Other"]),
        "UnknownRole" => ("Role", text["Create.ChooseRole"]),
        _ => ("UserName", error.Description),
    };
}

internal sealed class NewUserInput
{
    [StringLength(256)]
    public string? UserName { get; set; }

    [StringLength(100)]
    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    [StringLength(18)]
    public string? EmployerUscc { get; set; }

    public string? Password { get; set; }
}
