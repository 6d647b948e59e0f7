using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Calculate;

internal static class CalculateReliefEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, string publicRateLimit)
    {
        endpoints.MapPost("/api/v1/relief/calculate", async (HttpRequest request, ReliefRuleSet rules, SmeSizeStandard sizeStandard, bool? explain, CancellationToken cancellationToken) =>
            {
                var outcome = await CalculateRelief.RunAsync(request.Body, explain == true, rules, sizeStandard, cancellationToken);
                return outcome.IsValid
                    ? Results.Json(outcome.Response, CalculateRelief.Json)
                    : Results.ValidationProblem(outcome.Errors, title: "The calculation request has errors", detail: "Each entry names the field and what is wrong with it.");
            })
            .WithTags("Relief")
            .WithName("CalculateRelief")
            .WithSummary("One employer's contributions and 2020 relief for one month")
            .WithDescription("Contributions per employee, insurance and party under the beijing-2020 rule set, with the employer's relief category and size class; ?explain=true adds each line's trace in English (formula, parameters with value, effective date and source, inputs). A public policy tool: anonymous, rate-limited.")
            .Accepts<CalculateRelief.Request>("application/json")
            .Produces<CalculateRelief.Response>()
            .ProducesValidationProblem()
            .AllowAnonymous()
            .RequireRateLimiting(publicRateLimit);
    }
}
