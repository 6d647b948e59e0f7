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

namespace Wenjiu.Registry.Features.EmployerDetail;

/// <summary><c>GET /api/v1/employers/{uscc}</c>: one employer, its size class explained and its headcount.</summary>
internal static class EmployerDetailEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/employers").WithTags("Employers");
        group.MapGet("/{uscc}", DetailAsync)
            .RequireAuthorization(Permissions.ViewEmployer)
            .WithName("GetEmployer")
            .WithSummary("Get one employer")
            .WithDescription("The employer's registered facts, its entity type (from the code's first two characters), its SME size class with the explanation of which thresholds were met or missed, and its insured headcount for the 24 months up to the latest month the registry has data for. An enterprise user gets only its own employer; any other code answers 404, as does an unknown one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<EmployerResponse>, ProblemHttpResult>> DetailAsync(
        [Description("Unified social credit code (18 characters)")] string uscc,
        ClaimsPrincipal user,
        EmployerDetailHandler handler,
        IStringLocalizer<RegistryText> text,
        CancellationToken cancellationToken)
    {
        var detail = await handler.HandleAsync(uscc.Trim().ToUpperInvariant(), user, 1, cancellationToken);
        return detail is null ? RegistryApi.NotFound(text["Api.EmployerNotFound"]) : TypedResults.Ok(EmployerResponse.From(detail, text));
    }
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
