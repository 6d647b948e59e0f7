using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wenjiu.Platform.Web;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Localization;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Calculate;

internal static class CalculateReliefEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints, string publicRateLimit)
    {
        endpoints.MapPost("/api/v1/relief/calculate", async (HttpRequest request, ReliefRuleSet rules, SmeSizeStandard sizeStandard, bool? explain, CancellationToken cancellationToken) =>
            {
                var text = CalculatorText.In(ApiProblems.LanguageOf(request.HttpContext));
                var outcome = await CalculateRelief.RunAsync(request.Body, explain == true, rules, sizeStandard, text, cancellationToken);
                return outcome.IsValid
                    ? Results.Json(outcome.Response, CalculateRelief.Json)
                    : ApiProblems.Validation(outcome.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
            })
            .WithTags("Relief")
            .WithName("CalculateRelief")
            .WithSummary("One employer's contributions and 2020 relief for one month")
            .WithDescription("Contributions per employee, insurance and party under the beijing-2020 rule set, with the employer's relief category and size class; errors (400, problem details naming each field) in the caller's language (Accept-Language; zh-CN by default), every amount bounded (a wage below 10,000,000,000 yuan); ?explain=true adds each line's trace in English (formula, parameters with value, effective date and source, inputs). A public policy tool: anonymous, rate-limited.")
            .Accepts<CalculateRelief.Request>("application/json")
            .Produces<CalculateRelief.Response>()
            .ProducesValidationProblem()
            .AllowAnonymous()
            .RequireRateLimiting(publicRateLimit);
    }
}
