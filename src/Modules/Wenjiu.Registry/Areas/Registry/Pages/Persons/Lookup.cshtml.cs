using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Registry.Features.LookupPerson;

namespace Wenjiu.Registry.Areas.Registry.Pages.Persons;

/// <summary>
/// Staff find a person by the exact identity number, saying why. The number is POSTed, never put in the address, so
/// that it does not end up in browser history, proxies or access logs.
/// </summary>
internal sealed class LookupModel(LookupPersonHandler handler) : PageModel
{
    [BindProperty]
    public string? IdNumber { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public bool Searched { get; private set; }

    public PersonView? Person { get; private set; }

    public string? RefusedMessage { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await handler.HandleAsync(new PersonLookupRequest(IdNumber, Purpose, Note), User, cancellationToken);
        result.Errors.CopyTo(ModelState, "");
        Searched = result.Errors.IsEmpty && !result.Refused;
        RefusedMessage = result.RefusedMessage;
        Person = result.Person;
        if (result.Refused)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        return Page();
    }
}
