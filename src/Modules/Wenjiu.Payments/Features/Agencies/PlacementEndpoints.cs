using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Payments.Features.Agencies;

/// <summary>An HR agency's placements under <c>/api/v1/payments/placements</c> (its own only), for a token-authenticated client.</summary>
internal static class PlacementEndpoints
{
    public static void Map(RouteGroupBuilder payments)
    {
        var api = payments.MapGroup("").WithTags("HR-agency placements");
        api.MapPost("/placements", RecordAsync)
            .RequireAuthorization(Permissions.RecordPlacements)
            .WithName("RecordPlacement")
            .WithSummary("Record a placement")
            .WithDescription("Body `{ \"id_number\", \"employer_uscc\", \"placed_on\": \"YYYY-MM-DD\" }` for the agency the user acts for. The `Idempotency-Key` header is required: a retry returns the same placement. 201 with its status and why it is not (yet) confirmed; 400 naming the field.")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapGet("/placements", ListAsync)
            .RequireAuthorization(Permissions.RecordPlacements)
            .WithName("ListPlacements")
            .WithSummary("The agency's progress and placements")
            .WithDescription("Confirmed persons that count for the agency, the tier reached, the next tier, and each placement (identity number and name masked, `from_referral` for a referral hired through recruitment) with why it is not (yet) confirmed.");
    }

    private static async Task<Results<Created<PlacementResponse>, Ok<PlacementResponse>, ValidationProblem, NotFound>> RecordAsync(
        PlacementRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        AgencySubsidies subsidies, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc || await subsidies.FindAsync(uscc, cancellationToken) is not { } agency)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["required, at most 100 characters"] });
        }

        var outcome = (await subsidies.RecordAsync(agency, [new PlacementInput(request?.IdNumber, request?.EmployerUscc, request?.PlacedOn)], user.Identity?.Name ?? "?", idempotencyKey, cancellationToken))[0];
        if (outcome.Error is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [outcome.Field!] = [error] });
        }

        var progress = (await subsidies.ProgressAsync(uscc, user.Identity?.Name ?? "?", cancellationToken))!;
        var line = progress.Placements.First(p => p.Id == outcome.PlacementId);
        var response = PlacementResponse.From(line);
        return outcome.AlreadyRecorded ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/payments/placements#{line.Id}", response);
    }

    private static async Task<Results<Ok<ProgressResponse>, NotFound>> ListAsync(AgencySubsidies subsidies, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc || await subsidies.ProgressAsync(uscc, user.Identity?.Name ?? "?", cancellationToken) is not { } progress)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new ProgressResponse(
            progress.Counted, progress.Reached?.Persons, progress.Next?.Persons, progress.Next?.Amount, progress.Claim?.Status.ToString(), progress.Agency.VerifiedAt is not null,
            progress.Placements.Select(PlacementResponse.From).ToList()));
    }
}

internal sealed record PlacementRequest(string? IdNumber, string? EmployerUscc, string? PlacedOn);

/// <param name="Name">The registered name, masked, for a placement from a referral (null for a listed one).</param>
/// <param name="FromReferral">The placement came from (or met) the agency's referral that the employer hired in recruitment.</param>
internal sealed record PlacementResponse(long Id, string IdNumber, string? Name, bool FromReferral, string EmployerUscc, DateOnly PlacedOn, string Status, string? Reason)
{
    public static PlacementResponse From(PlacementLine line) => new(
        line.Id, line.MaskedIdNumber, line.MaskedName, line.FromReferral, line.EmployerUscc, line.PlacedOn,
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(line.Status.ToString()), line.Reason);
}

internal sealed record ProgressResponse(int Confirmed, int? TierReached, int? NextTier, decimal? NextTierAmount, string? Claim, bool LicenceVerified, List<PlacementResponse> Placements);
