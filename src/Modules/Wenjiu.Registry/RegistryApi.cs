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

/// <summary>The registry's JSON API under <c>/api/v1</c>: each use case maps its own endpoints (Features/*/…Endpoint.cs).</summary>
internal static class RegistryApi
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        SearchEmployersEndpoint.Map(api);
        EmployerDetailEndpoint.Map(api);
        ImportEndpoints.Map(api);
        return endpoints;
    }

    internal static ProblemHttpResult NotFound(string title) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    /// <summary>Errors keyed by the parameter the client sent: query and form fields in camelCase, headers by their name.</summary>
    internal static Dictionary<string, string[]> Errors(Wenjiu.Platform.Web.FieldErrors errors) =>
        errors.ToDictionary().ToDictionary(e => e.Key switch { "IdempotencyKey" => "Idempotency-Key", "Direction" => "dir", _ => Wenjiu.Platform.Web.ApiJson.FieldName(e.Key) }, e => e.Value, StringComparer.Ordinal);
}
