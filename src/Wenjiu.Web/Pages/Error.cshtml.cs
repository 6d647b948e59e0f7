using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Wenjiu.Web.Pages;

/// <summary>Shown for unhandled errors and, re-executed by the status-code pages, for 403 and 404 on pages.</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    /// <summary>The request's id as the logs carry it (the <c>RequestId</c> scope): what a user quotes to the administrator.</summary>
    public string RequestId => HttpContext.TraceIdentifier;

    public void OnGet() => Status = StatusFrom();

    // A failed POST is re-executed as a POST; it shows the same page.
    public void OnPost() => Status = StatusFrom();

    private int StatusFrom()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        return reExecuted is not null ? Response.StatusCode : StatusCodes.Status500InternalServerError;
    }
}
