using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Admin.Users;

/// <summary>Bind an enterprise user to the one employer it acts for; its open sessions end so the new binding applies at once.</summary>
internal sealed class EmployerModel(UserManager<WenjiuUser> users, IEmployerDirectory registry, IAuditLog audit) : PageModel
{
    [BindProperty]
    public EmployerInput Input { get; set; } = new();

    public WenjiuUser Account { get; private set; } = null!;

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await EnterpriseUserAsync(id) is not { } user)
        {
            return NotFound();
        }

        Account = user;
        Input.EmployerUscc = user.EmployerUscc;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await EnterpriseUserAsync(id) is not { } user)
        {
            return NotFound();
        }

        Account = user;
        if (await EmployerBinding.ProblemAsync(registry, Input.EmployerUscc, cancellationToken) is { } problem)
        {
            ModelState.AddModelError("Input.EmployerUscc", problem);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var previous = user.EmployerUscc;
        user.EmployerUscc = EmployerBinding.Normalise(Input.EmployerUscc);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        // The employer sits in the user's session: a new security stamp ends its sessions at their next request.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(IdentityAudit.EmployerBound, IdentityAudit.Record(user.UserName), $"employer {previous ?? "none"} -> {user.EmployerUscc}", cancellationToken);
        Saved = true;
        return Page();
    }

    private async Task<WenjiuUser?> EnterpriseUserAsync(string id) =>
        await users.FindByIdAsync(id) is { } user && await users.IsInRoleAsync(user, Roles.Enterprise) ? user : null;
}

internal sealed class EmployerInput
{
    public string? EmployerUscc { get; set; }
}
