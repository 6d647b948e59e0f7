using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.Pages.Account;

/// <summary>
/// Signing out is a form post (with its antiforgery token), so no link or image elsewhere can sign a user out. It deletes
/// the session on the server (DatabaseTicketStore), so a copy of the cookie kept elsewhere stops working too.
/// </summary>
internal sealed class SignOutModel(SignInManager<WenjiuUser> signIn, IAuditLog audit) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var userName = User.Identity.Name ?? "?";
            await signIn.SignOutAsync();
            await audit.RecordAsync(userName, IdentityAudit.SignOut, IdentityAudit.Record(userName), null, cancellationToken);
        }

        return RedirectToPage("/Index");
    }
}
