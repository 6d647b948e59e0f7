using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Registry.Features.SearchEmployers;

namespace Wenjiu.Registry.Areas.Registry.Pages.Employers;

/// <summary>Employer search (staff). A GET form, so that a search is a link that can be bookmarked and shared.</summary>
public sealed class IndexModel(SearchEmployersHandler handler) : PageModel
{
    public EmployerSearch Search { get; } = new();

    public EmployerSearchResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Read from the query string by hand so that it reads ?name=…&district=…; "page" is Razor Pages' own route
        // value, hence pageNumber.
        var query = Request.Query;
        Search.Name = query["name"];
        Search.Code = query["code"];
        Search.District = query["district"];
        Search.Industry = query["industry"];
        Search.Size = query["size"];
        Search.Key = query["key"];
        Search.Page = query["pageNumber"];
        Search.PageSize = query["pageSize"];
        var (result, errors) = await handler.HandleAsync(Search, cancellationToken);
        errors.CopyTo(ModelState, "");
        Result = result;
    }

    public string? PageLink(int page) => Url.Page("Index", new
    {
        name = Search.Name,
        code = Search.Code,
        district = Search.District,
        industry = Search.Industry,
        size = Search.Size,
        key = Search.Key,
        pageSize = Search.PageSize,
        pageNumber = page,
    });
}
