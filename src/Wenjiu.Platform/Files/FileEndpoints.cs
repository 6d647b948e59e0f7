using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Localization;
using Wenjiu.Platform.Web;

namespace Wenjiu.Platform.Files;

/// <summary>
/// Downloads of stored files: <c>/files/{id}</c> for links on pages (a visitor is sent to sign in) and
/// <c>/api/v1/files/{id}</c> for machine clients (bearer tokens, ADR 0012). Both ask the store, which checks the reader
/// and the content's SHA-256 and audits the download; a file the reader may not have answers 404, as a missing one.
/// </summary>
public static class FileEndpoints
{
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/files/{id:guid}", DownloadAsync).RequireAuthorization().ExcludeFromDescription();
        endpoints.MapGet("/api/v1/files/{id:guid}", DownloadAsync)
            .RequireAuthorization()
            .WithTags("Files")
            .WithSummary("Download a stored file")
            .WithDescription("The content as stored, with its media type found from the content itself and its SHA-256 in the `Repr-Digest` header (RFC 9530). Only the user who stored it, users acting for the employer it belongs to and staff who hold the file kind's action may read it; for anyone else it does not exist (404). Every download is audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapPost("/api/v1/files", StoreEvidenceAsync)
            .RequireAuthorization()
            .WithTags("Files")
            .WithSummary("Store a piece of evidence")
            .WithDescription("Multipart form with `file`: a PDF, JPEG or PNG, judged by its content (the name and declared type are not trusted), at most the evidence kind's size. It belongs to the caller, and to the employer an enterprise user acts for. Answers 201 with its id and SHA-256, or 400 naming why the file was refused. With a bearer token no antiforgery token is needed; with the sign-in cookie the `X-CSRF-TOKEN` header is (ADR 0012).")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<StoredFileResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>
    /// Antiforgery stays on here (no <c>DisableAntiforgery</c>): a browser posting with the cookie must send the
    /// antiforgery token, a machine client's bearer token satisfies it (<c>UseApiTokenAntiforgery</c>).
    /// </summary>
    private static async Task<IResult> StoreEvidenceAsync(IFormFile? file, ClaimsPrincipal user, HttpContext context, IFileStore files, CancellationToken cancellationToken)
    {
        var language = ApiProblems.LanguageOf(context);
        if (file is null)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [PlatformText.In(language, "Files.Refused.Empty")] });
        }

        await using var content = file.OpenReadStream();
        var stored = await files.StoreAsync(new NewFile(FileKinds.Evidence.Name, file.FileName, user.Identity?.Name ?? "?", user.EmployerUscc()), content, cancellationToken);
        if (stored.File is not { } kept)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [stored.Refusal!.Message] });
        }

        var response = StoredFileResponse.From(kept);
        return TypedResults.Created(response.Download, response);
    }

    private static async Task<IResult> DownloadAsync(Guid id, ClaimsPrincipal user, HttpContext context, IFileStore files, CancellationToken cancellationToken)
    {
        var read = await files.ReadAsync(id, user, cancellationToken);
        switch (read.Outcome)
        {
            case FileReadOutcome.Found:
                // RFC 9530: the client can check what it received against what the store recorded.
                context.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(read.File!.Sha256))}:";
                return TypedResults.Stream(read.Content!, read.File.ContentType, read.File.FileName);
            case FileReadOutcome.Damaged:
                var language = ApiProblems.LanguageOf(context);
                return ApiProblems.Problem(StatusCodes.Status500InternalServerError, PlatformText.In(language, "Files.Damaged"));
            default:
                return TypedResults.NotFound();
        }
    }
}

/// <summary>A stored file as the API shows it.</summary>
public sealed record StoredFileResponse(Guid Id, string Kind, string FileName, string ContentType, long Length, string Sha256, DateTimeOffset StoredAt, DateTimeOffset RetainUntil, string Download)
{
    public static StoredFileResponse From(StoredFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new(file.Id, file.Kind, file.FileName, file.ContentType, file.Length, file.Sha256, file.StoredAt, file.RetainUntil, $"/api/v1/files/{file.Id}");
    }
}
