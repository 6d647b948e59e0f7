using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Web;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Features.Deferrals;

/// <summary>Deferrals' JSON API under <c>/api/v1/relief/deferrals</c>, for bureau staff: list, record, revoke.</summary>
internal static class DeferralEndpoints
{
    public static void Map(RouteGroupBuilder relief)
    {
        var api = relief.MapGroup("").WithTags("Relief deferrals");
        api.MapGet("/deferrals", ListDeferralsAsync)
            .RequireAuthorization(Permissions.ViewDeferrals)
            .WithName("ListDeferrals")
            .WithSummary("List recorded deferrals")
            .WithDescription("The latest 100 deferrals, or one employer's (`uscc`), each with the employer's registered name and, when revoked, who revoked it, when and why.");
        api.MapPost("/deferrals/{id:long}/revoke", RevokeDeferralAsync)
            .RequireAuthorization(Permissions.RecordDeferrals)
            .WithName("RevokeDeferral")
            .WithSummary("Revoke a deferral")
            .WithDescription("Body `{ \"reason\" }`. The deferral stays on record as revoked (who, when, why; audited); the next assessment of its months bills them as not deferred.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery();
        api.MapPost("/deferrals", RecordDeferralAsync)
            .RequireAuthorization(Permissions.RecordDeferrals)
            .WithName("RecordDeferral")
            .WithSummary("Record an approved deferral")
            .WithDescription("Body `{ \"uscc\", \"firstMonth\", \"lastMonth\", \"reference\" }`, months written YYYY-MM, checked against the rule set's deferral parameters (earliest start, latest end, longest length); an error names the field.")
            .ProducesValidationProblem()
            .DisableAntiforgery();
    }

    private static async Task<Ok<List<DeferralResponse>>> ListDeferralsAsync(string? uscc, DeferralHandler deferrals, CancellationToken cancellationToken) =>
        TypedResults.Ok((await deferrals.ListAsync(uscc, cancellationToken)).Select(l => DeferralResponse.From(l.Deferral, l.EmployerName)).ToList());

    private static async Task<Results<Ok<DeferralResponse>, ValidationProblem, ProblemHttpResult>> RevokeDeferralAsync(
        long id, RevokeDeferralRequest? request, DeferralHandler deferrals, ClaimsPrincipal user, IStringLocalizer<ReliefText> text, CancellationToken cancellationToken)
    {
        var result = await deferrals.RevokeAsync(id, request?.Reason, user.Identity?.Name ?? "?", cancellationToken);
        if (result is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Deferral.NotFound"]);
        }

        return result.Deferral is { } d
            ? TypedResults.Ok(DeferralResponse.From(d))
            : TypedResults.ValidationProblem(result.Errors.ToDictionary().ToDictionary(e => ApiJson.FieldName(e.Key), e => e.Value, StringComparer.Ordinal));
    }

    private static async Task<Results<Created<DeferralResponse>, ValidationProblem>> RecordDeferralAsync(
        DeferralRequest? request, DeferralHandler deferrals, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await deferrals.RecordAsync(new DeferralInput(request?.Uscc, request?.FirstMonth, request?.LastMonth, request?.Reference), user.Identity?.Name ?? "?", cancellationToken);
        if (result.Deferral is null)
        {
            // Fields named as the JSON names them.
            return TypedResults.ValidationProblem(result.Errors.ToDictionary().ToDictionary(
                e => ApiJson.FieldName(e.Key), e => e.Value, StringComparer.Ordinal));
        }

        var response = DeferralResponse.From(result.Deferral);
        return TypedResults.Created($"/api/v1/relief/deferrals?uscc={response.Uscc}", response);
    }
}

internal sealed record DeferralRequest(
    string? Uscc,
    string? FirstMonth,
    string? LastMonth,
    string? Reference);

internal sealed record DeferralResponse(
    long Id,
    string Uscc,
    string FirstMonth,
    string LastMonth,
    string DueMonth,
    string Reference,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    string? EmployerName,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    string? RevocationReason)
{
    public static DeferralResponse From(Deferral d, string? employerName = null) => new(
        d.Id, d.Uscc, d.FirstMonth.ToString(), d.LastMonth.ToString(),
        d.LastMonth.AddMonths(1).ToString(), d.Reference, d.RecordedBy, d.RecordedAt,
        employerName, d.RevokedAt, d.RevokedBy, d.RevocationReason);
}

internal sealed record RevokeDeferralRequest(string? Reason);
