using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Wenjiu.Registry.Features.SearchEmployers;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Areas.Registry.Pages.Employers;

/// <summary>Employer search (staff). A GET form, so that a search is a link that can be bookmarked and shared.</summary>
internal sealed class IndexModel(SearchEmployersHandler handler, IStringLocalizer<RegistryText> text) : PageModel
{
    public EmployerSearch Search { get; } = new();

    public EmployerSearchResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ReadSearch();
        var (result, errors) = await handler.HandleAsync(Search, cancellationToken);
        errors.CopyTo(ModelState, "");
        Result = result;
    }

    /// <summary>
    /// The filtered list as a file (<c>?handler=Export&amp;format=csv|xlsx</c> with the search's own parameters), in the
    /// order shown, at most <see cref="SearchEmployersHandler.ExportLimit"/> rows, streamed as the database reads them.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        ReadSearch();
        var kind = format?.Trim().ToUpperInvariant();
        var (rows, errors) = handler.Export(Search);
        if (kind is not ("CSV" or "XLSX"))
        {
            errors.Add("Format", text["Search.Error.Format"]);
        }

        if (rows is null || !errors.IsEmpty)
        {
            errors.CopyTo(ModelState, "");
            Result = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Response.Headers.ContentDisposition = $"attachment; filename={EmployerExport.FileName(kind == "CSV" ? "csv" : "xlsx")}";
        if (kind == "CSV")
        {
            Response.ContentType = EmployerExport.CsvContentType;
            await EmployerExport.WriteCsvAsync(rows, text, Response.Body, cancellationToken);
        }
        else
        {
            // ClosedXML builds the workbook in memory; the row cap bounds it (about 10 MB for the cap's rows).
            Response.ContentType = EmployerExport.XlsxContentType;
            using var buffer = new MemoryStream();
            await EmployerExport.WriteXlsxAsync(rows, text, buffer, cancellationToken);
            buffer.Position = 0;
            await buffer.CopyToAsync(Response.Body, cancellationToken);
        }

        return new EmptyResult();
    }

    public string? PageLink(int page) => Url.Page("Index", Values(page, null));

    public string? ExportLink(string format) => Url.Page("Index", "Export", Values(null, format));

    private void ReadSearch()
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
        Search.Sort = query["sort"];
        Search.Direction = query["dir"];
        Search.Page = query["pageNumber"];
        Search.PageSize = query["pageSize"];
    }

    private RouteValueDictionary Values(int? page, string? format)
    {
        var values = new RouteValueDictionary
        {
            ["name"] = Search.Name,
            ["code"] = Search.Code,
            ["district"] = Search.District,
            ["industry"] = Search.Industry,
            ["size"] = Search.Size,
            ["key"] = Search.Key,
            ["sort"] = Search.Sort,
            ["dir"] = Search.Direction,
        };
        if (page is { } p)
        {
            values["pageSize"] = Search.PageSize;
            values["pageNumber"] = p;
        }

        if (format is not null)
        {
            values["format"] = format;
        }

        return values;
    }
}
