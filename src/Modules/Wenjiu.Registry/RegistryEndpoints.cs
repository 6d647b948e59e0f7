using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.EmployerDetail;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.Features.SearchEmployers;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry;

/// <summary>The registry's JSON API under <c>/api/v1</c>: employers (list, detail) and imports (start, progress, error report).</summary>
internal static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);

        var employers = api.MapGroup("/employers").WithTags("Employers");
        employers.MapGet("/", SearchAsync)
            .RequireAuthorization(Permissions.SearchEmployers)
            .WithName("SearchEmployers")
            .WithSummary("Search employers")
            .WithDescription("Employers matching every filter given, in name order, one page at a time. `total` counts matches exactly up to 10,000; beyond that `totalIsExact` is false and `total` is 10,000. Needs the `SearchEmployers` action (docs/permissions.md).")
            .ProducesValidationProblem();
        employers.MapGet("/{uscc}", DetailAsync)
            .RequireAuthorization(Permissions.ViewEmployer)
            .WithName("GetEmployer")
            .WithSummary("Get one employer")
            .WithDescription("The employer's registered facts, its entity type (from the code's first two characters), its SME size class with the explanation of which thresholds were met or missed, and its insured headcount for the 24 months up to the latest month the registry has data for. An enterprise user gets only its own employer; any other code answers 404, as does an unknown one.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("/", StartImportAsync)
            .RequireAuthorization(Permissions.ImportFiles)
            .WithName("StartImport")
            .WithSummary("Upload an interchange file and start its import")
            .WithDescription("Multipart form with `kind` (`employers` or `employment`) and `file` (CSV or XLSX as docs/interchange.md describes). The `Idempotency-Key` header is required: a repeat with the same key and file returns the same run (200) instead of importing twice; the same key with another file is 422. The import runs in the background; poll `GET /api/v1/imports/{id}`.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithFormOptions(multipartBodyLengthLimit: StartImportHandler.MaxUploadBytes)
            .WithMetadata(new RequestSizeLimitAttribute(StartImportHandler.MaxUploadBytes))
            // No antiforgery token here, on purpose (docs/adr/0005-api-antiforgery.md): the sign-in cookie is SameSite=Lax,
            // so a cross-site POST carries no session, and the required Idempotency-Key header cannot be sent cross-site
            // without a CORS preflight, which this host never grants. Pages keep their antiforgery tokens.
            .DisableAntiforgery();
        imports.MapGet("/{id:guid}", ImportAsync)
            .RequireAuthorization(Permissions.ViewImports)
            .WithName("GetImport")
            .WithSummary("Get an import's progress and outcome")
            .WithDescription("Status (`queued`, `running`, `completed`, `refused`, `failed`), rows read, imported and rejected so far, and why a file was refused. The status page polls this while a run is going.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapGet("/{id:guid}/errors.csv", ErrorReportAsync)
            .RequireAuthorization(Permissions.ViewImports)
            .WithName("GetImportErrors")
            .WithSummary("Download an import's error report")
            .WithDescription("Every rejected row as CSV, in the request's language (Accept-Language or the culture cookie): line (the header is line 1 of the imported file), column code, column name, the value as given (identity numbers and names masked) and the reason; streamed. Text cells that a spreadsheet would read as a formula are prefixed with a single quote.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<EmployerListResponse>, ValidationProblem>> SearchAsync(
        [AsParameters] EmployerSearchParameters query, SearchEmployersHandler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query.ToSearch(), cancellationToken);
        if (result is null)
        {
            return TypedResults.ValidationProblem(ApiErrors(errors));
        }

        return TypedResults.Ok(new EmployerListResponse(
            result.Items.Select(EmployerListItem.From).ToList(), result.Page, result.PageSize, result.Total, result.TotalIsExact));
    }

    private static async Task<Results<Ok<EmployerResponse>, ProblemHttpResult>> DetailAsync(
        [Description("Unified social credit code (18 characters)")] string uscc,
        ClaimsPrincipal user,
        EmployerDetailHandler handler,
        IStringLocalizer<RegistryText> text,
        CancellationToken cancellationToken)
    {
        var detail = await handler.HandleAsync(uscc.Trim().ToUpperInvariant(), user, 1, cancellationToken);
        return detail is null ? NotFound(text["Api.EmployerNotFound"]) : TypedResults.Ok(EmployerResponse.From(detail, text));
    }

    private static async Task<Results<Ok<ImportResponse>, Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> StartImportAsync(
        [FromForm] [Description("`employers` or `employment`")] string? kind,
        IFormFile? file,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user,
        StartImportHandler handler,
        ImportProgressHandler progress,
        IStringLocalizer<RegistryText> text,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new ImportUpload(kind, file, idempotencyKey), user.Identity?.Name ?? "?", cancellationToken);
        switch (result.Outcome)
        {
            case ImportStart.Invalid:
                return TypedResults.ValidationProblem(ApiErrors(result.Errors));
            case ImportStart.KeyReused:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: text["Api.KeyReused"]);
            case ImportStart.InProgress:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: text["Api.KeyInProgress"]);
        }

        var view = await progress.FindAsync(result.RunId!.Value, withRejections: false, cancellationToken);
        var response = ImportResponse.From(view!.Run, text);
        return result.Outcome == ImportStart.Repeated ? TypedResults.Ok(response) : TypedResults.Accepted(response.Links.Self, response);
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        Guid id, ImportProgressHandler progress, IStringLocalizer<RegistryText> text, CancellationToken cancellationToken)
    {
        var view = await progress.FindAsync(id, withRejections: false, cancellationToken);
        return view is null ? NotFound(text["Api.ImportNotFound"]) : TypedResults.Ok(ImportResponse.From(view.Run, text));
    }

    private static async Task<IResult> ErrorReportAsync(Guid id, ImportProgressHandler progress, IStringLocalizer<RegistryText> text, CancellationToken cancellationToken)
    {
        var view = await progress.FindAsync(id, withRejections: false, cancellationToken);
        if (view is null)
        {
            return NotFound(text["Api.ImportNotFound"]);
        }

        var name = Path.GetFileNameWithoutExtension(view.Run.FileName) + ".errors.csv";
        return Results.Stream(stream => progress.WriteErrorReportAsync(id, stream, cancellationToken), "text/csv; charset=utf-8", name);
    }

    private static ProblemHttpResult NotFound(string title) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    /// <summary>Errors keyed by the parameter the client sent: query and form fields in camelCase, headers by their name.</summary>
    private static Dictionary<string, string[]> ApiErrors(Wenjiu.Platform.Web.FieldErrors errors) =>
        errors.ToDictionary().ToDictionary(e => e.Key switch { "IdempotencyKey" => "Idempotency-Key", "Direction" => "dir", _ => Wenjiu.Platform.Web.ApiJson.FieldName(e.Key) }, e => e.Value, StringComparer.Ordinal);
}

/// <summary>The search's query string. All text, so that a wrong value is a 400 naming its parameter.</summary>
internal sealed class EmployerSearchParameters
{
    [Description("Part of the registered name (three or more characters search fastest).")]
    [FromQuery(Name = "name")]
    public string? Name { get; init; }

    [Description("Unified social credit code, whole or its beginning.")]
    [FromQuery(Name = "code")]
    public string? Code { get; init; }

    [Description("GB/T 2260 district code, e.g. `110105`.")]
    [FromQuery(Name = "district")]
    public string? District { get; init; }

    [Description("Industry group of the SME size standard, e.g. `software_it`.")]
    [FromQuery(Name = "industry")]
    public string? Industry { get; init; }

    [Description("`large`, `medium`, `small` or `micro`.")]
    [FromQuery(Name = "size")]
    public string? Size { get; init; }

    [Description("`true` for key enterprises only, `false` for the others.")]
    [FromQuery(Name = "key")]
    public string? Key { get; init; }

    [Description("`name` (default), `code`, `size`, `district` or `employees`; ties are broken by the code, so paging is stable.")]
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [Description("`asc` (default) or `desc`.")]
    [FromQuery(Name = "dir")]
    public string? Direction { get; init; }

    [Description("Page number, from 1 (integer).")]
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    [Description("Rows per page, 1 to 100 (integer, default 20).")]
    [FromQuery(Name = "page_size")]
    public string? PageSize { get; init; }

    public EmployerSearch ToSearch() => new()
    {
        Name = Name, Code = Code, District = District, Industry = Industry, Size = Size, Key = Key, Sort = Sort, Direction = Direction, Page = Page, PageSize = PageSize,
    };
}

internal sealed record EmployerListResponse(IReadOnlyList<EmployerListItem> Items, int Page, int PageSize, int Total, bool TotalIsExact);

internal sealed record EmployerListItem(string Uscc, string Name, string Industry, string District, string SizeClass, bool KeyEnterprise, int Employees, string Href)
{
    public static EmployerListItem From(EmployerSummary e) =>
        new(e.Uscc, e.Name, e.Industry, e.District, e.SizeClass.Code(), e.KeyEnterprise, e.Employees, $"/api/v1/employers/{e.Uscc}");
}

internal sealed record SizeTestResponse(string SizeClass, string Measure, decimal Value, decimal Threshold, bool Met);

internal sealed record HeadcountResponse(string Month, int Insured);

internal sealed record EmployerResponse(
    string Uscc,
    string Name,
    string EntityType,
    string EntityTypeName,
    string Industry,
    string District,
    int Employees,
    [property: Description("Annual operating revenue, 10k yuan")] decimal Revenue,
    [property: Description("Total assets, 10k yuan")] decimal TotalAssets,
    [property: Description("Work-injury contribution rate, percent")] decimal InjuryRate,
    bool KeyEnterprise,
    bool CheckCharacterOverridden,
    string SizeClass,
    [property: Description("Why the size class is what it is, in the request's language (Accept-Language)")] string SizeClassExplanation,
    IReadOnlyList<SizeTestResponse> SizeTests,
    string SizeStandard,
    IReadOnlyList<HeadcountResponse> Headcount,
    DateTimeOffset UpdatedAt)
{
    public static EmployerResponse From(EmployerDetailResult detail, IStringLocalizer<RegistryText> text)
    {
        var e = detail.Employer;
        var c = detail.Classification;
        return new EmployerResponse(
            e.Uscc, e.Name, e.EntityType.Code(), text.EntityType(e.EntityType), e.Industry, e.District, e.Employees, e.Revenue, e.TotalAssets,
            e.InjuryRate, e.KeyEnterprise, e.CheckCharacterOverridden, c.Class.Code(), c.Explain(DomainNames.Chinese),
            c.Tests.Select(t => new SizeTestResponse(t.Class.Code(), t.Measure.Code(), t.Value, t.Threshold, t.Met)).ToList(),
            c.Source,
            detail.Headcount.Select(h => new HeadcountResponse(h.Month.ToString(), h.Insured)).ToList(),
            e.UpdatedAt);
    }
}

internal sealed record ImportLinks(string Self, string Errors, string Page);

internal sealed record ImportResponse(
    Guid Id, string Kind, string FileName, string Status, long RowsRead, long RowsImported, long RowsRejected, string? Message,
    string StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool Finished, ImportLinks Links)
{
    public static ImportResponse From(ImportRun run, IStringLocalizer<RegistryText> text) => new(
        run.Id, run.Kind.Code(), run.FileName, run.Status.Code(), run.RowsRead, run.RowsImported, run.RowsRejected,
        run.Message is null ? null : ImportMessages.Render(text, run.Message),
        run.StartedBy, run.StartedAt, run.FinishedAt, run.Status is ImportStatus.Completed or ImportStatus.Refused or ImportStatus.Failed,
        new ImportLinks($"/api/v1/imports/{run.Id}", $"/api/v1/imports/{run.Id}/errors.csv", $"/Registry/Imports/Status/{run.Id}"));
}
