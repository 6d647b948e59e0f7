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

namespace Wenjiu.Registry.Features.Import;

/// <summary><c>/api/v1/imports</c>: start an import from an uploaded file, follow its progress, download its error report.</summary>
internal static class ImportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/imports").WithTags("Imports");
        group.MapPost("/", StartImportAsync)
            .RequireAuthorization(Permissions.ImportFiles)
            .WithName("StartImport")
            .WithSummary("Upload an interchange file and start its import")
            .WithDescription("Multipart form with `kind` (`employers`, `employment` or `contributions`) and `file` (CSV or XLSX as docs/interchange.md describes). The `Idempotency-Key` header is required: a repeat with the same key and file returns the same run (200) instead of importing twice; the same key with another file is 422. The import runs in the background; poll `GET /api/v1/imports/{id}`.")
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
        group.MapGet("/{id:guid}", ImportAsync)
            .RequireAuthorization(Permissions.ViewImports)
            .WithName("GetImport")
            .WithSummary("Get an import's progress and outcome")
            .WithDescription("Status (`queued`, `running`, `completed`, `refused`, `failed`), rows read, imported and rejected so far, and why a file was refused. The status page polls this while a run is going.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/errors.csv", ErrorReportAsync)
            .RequireAuthorization(Permissions.ViewImports)
            .WithName("GetImportErrors")
            .WithSummary("Download an import's error report")
            .WithDescription("Every rejected row as CSV, in the request's language (Accept-Language or the culture cookie): line (the header is line 1 of the imported file), column code, column name, the value as given (identity numbers and names masked) and the reason; streamed. Text cells that a spreadsheet would read as a formula are prefixed with a single quote.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<ImportResponse>, Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult>> StartImportAsync(
        [FromForm] [Description("`employers`, `employment` or `contributions`")] string? kind,
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
                return TypedResults.ValidationProblem(RegistryApi.Errors(result.Errors));
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
        return view is null ? RegistryApi.NotFound(text["Api.ImportNotFound"]) : TypedResults.Ok(ImportResponse.From(view.Run, text));
    }

    private static async Task<IResult> ErrorReportAsync(Guid id, ImportProgressHandler progress, IStringLocalizer<RegistryText> text, CancellationToken cancellationToken)
    {
        var view = await progress.FindAsync(id, withRejections: false, cancellationToken);
        if (view is null)
        {
            return RegistryApi.NotFound(text["Api.ImportNotFound"]);
        }

        var name = Path.GetFileNameWithoutExtension(view.Run.FileName) + ".errors.csv";
        return Results.Stream(stream => progress.WriteErrorReportAsync(id, stream, cancellationToken), "text/csv; charset=utf-8", name);
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
