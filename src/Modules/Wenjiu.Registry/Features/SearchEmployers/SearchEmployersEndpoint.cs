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

namespace Wenjiu.Registry.Features.SearchEmployers;

/// <summary><c>GET /api/v1/employers</c>: the employer search, one page at a time.</summary>
internal static class SearchEmployersEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/employers").WithTags("Employers");
        group.MapGet("/", SearchAsync)
            .RequireAuthorization(Permissions.SearchEmployers)
            .WithName("SearchEmployers")
            .WithSummary("Search employers")
            .WithDescription("Employers matching every filter given, in name order, one page at a time. `total` counts matches exactly up to 10,000; beyond that `totalIsExact` is false and `total` is 10,000. Needs the `SearchEmployers` action (docs/permissions.md).")
            .ProducesValidationProblem();
    }

    private static async Task<Results<Ok<EmployerListResponse>, ValidationProblem>> SearchAsync(
        [AsParameters] EmployerSearchParameters query, SearchEmployersHandler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query.ToSearch(), cancellationToken);
        if (result is null)
        {
            return TypedResults.ValidationProblem(RegistryApi.Errors(errors));
        }

        return TypedResults.Ok(new EmployerListResponse([.. result.Items.Select(EmployerListItem.From)], result.Page, result.PageSize, result.Total, result.TotalIsExact));
    }
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
