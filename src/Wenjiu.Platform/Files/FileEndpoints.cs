using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
        return endpoints;
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
