using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Wenjiu.Web;

/// <summary>
/// The OpenAPI document says how a machine client authenticates (ADR 0012): a bearer security scheme for personal access
/// tokens, required by every operation, and a description the API reference page (/api/reference) shows at its top.
/// </summary>
internal sealed class ApiAuthenticationDescription : IOpenApiDocumentTransformer
{
    public const string SchemeName = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Wenjiu API";
        document.Info.Description = """
            ## Authentication

            Machine clients (a bank, a province's system, the social insurance core system) send a **personal access
            token** in the header `Authorization: Bearer wjp_…`. A token acts as its user, with the user's roles and
            employer binding, and answers **401** once it is revoked or expired or its user is disabled. Each token may
            make a limited number of requests a minute (then **429**, with `Retry-After`); every use is audited.

            - A user makes and revokes their own tokens on the page **Account → API tokens** (`/Account/Tokens`; staff
              confirm with a fresh code from their authenticator app). The token is shown once.
            - An operator on the server: `wenjiu tokens create --user NAME --name LABEL [--expires 30d]` prints the token
              on the last line; `wenjiu tokens revoke --user NAME --name LABEL` revokes it.

            In a browser, the pages' sign-in cookie works as well. POSTs that create something take an `Idempotency-Key`
            header.
            """;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "wjp_ personal access token",
            Description = "A personal access token: `Authorization: Bearer wjp_…` (made on /Account/Tokens or with `wenjiu tokens create`).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
