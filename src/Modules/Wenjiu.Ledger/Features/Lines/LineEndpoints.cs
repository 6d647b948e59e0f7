using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.Confirmations;
using Wenjiu.Ledger.Features.KeyEnterprises;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;

namespace Wenjiu.Ledger.Features.Lines;

/// <summary>The ledger's API under <c>/api/v1/ledger</c>: designations, specialists, demand lines and their work.</summary>
internal static class LineEndpoints
{
    public static void Map(RouteGroupBuilder ledger)
    {
        var designations = ledger.MapGroup("/designations").WithTags("Key-enterprise designations");
        designations.MapGet("", ListDesignationsAsync).RequireAuthorization(Permissions.DesignateKeyEnterprises)
            .WithName("ListDesignations").WithSummary("Key-enterprise designations, those in force first");
        designations.MapPost("", DesignateAsync).RequireAuthorization(Permissions.DesignateKeyEnterprises)
            .WithName("Designate").WithSummary("Designate a key enterprise")
            .WithDescription("Body `{ \"uscc\", \"category\": \"epidemic_prevention|public_utilities|daily_necessities|major_projects\", \"ends_on\": \"YYYY-MM-DD\"? }`. A new designation replaces the one in force. 201; 400 naming the field.")
            .ProducesValidationProblem().DisableAntiforgery();
        designations.MapPost("/{id:long}/end", EndDesignationAsync).RequireAuthorization(Permissions.DesignateKeyEnterprises)
            .WithName("EndDesignation").WithSummary("End a designation: from today the employer is no key enterprise").DisableAntiforgery();

        var specialists = ledger.MapGroup("/specialists").WithTags("Service specialists");
        specialists.MapGet("", ListSpecialistsAsync).RequireAuthorization(Permissions.LeadSpecialists)
            .WithName("ListSpecialists").WithSummary("Specialists with their districts, capacity and open lines");
        specialists.MapPost("", SetSpecialistAsync).RequireAuthorization(Permissions.LeadSpecialists)
            .WithName("SetSpecialist").WithSummary("Set a specialist's districts and capacity")
            .WithDescription("Body `{ \"user_name\", \"districts\": [\"110105\", …], \"capacity\": 20 }`: new lines in those districts go to the least-loaded specialist covering them.")
            .ProducesValidationProblem().DisableAntiforgery();

        var lines = ledger.MapGroup("/lines").WithTags("Demand lines");
        lines.MapGet("", ListAsync).RequireAuthorization(Permissions.ViewDemandLines)
            .WithName("ListDemandLines").WithSummary("Demand lines, most urgent first")
            .WithDescription("An enterprise sees its own lines; a specialist its own work list (or `specialist=` another's, `all=true` every line); others every line. `done=true` adds closed and filled lines.");
        lines.MapPost("", CreateAsync).RequireAuthorization(Permissions.EditDemandLines)
            .WithName("CreateDemandLine").WithSummary("Open a demand line")
            .WithDescription("Body `{ \"uscc\" (staff only; an enterprise opens for itself), \"occupation\", \"title_zh\"?, \"title_en\"?, \"headcount\", \"must_have_skills\": [], \"nice_to_have_skills\": [], \"district\", \"site\", \"pay_min\", \"pay_max\" (yuan/month), \"start_on\": \"YYYY-MM-DD\", \"shifts\" }`. The `Idempotency-Key` header is required: a retry returns the same line. 201; 400 naming the field and the rule.")
            .ProducesValidationProblem().DisableAntiforgery();
        lines.MapGet("/{id:long}", GetAsync).RequireAuthorization(Permissions.ViewDemandLines)
            .WithName("GetDemandLine").WithSummary("A demand line with its funnel and history");
        lines.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Permissions.EditDemandLines)
            .WithName("UpdateDemandLine").WithSummary("Change a demand line (the same body as creating it)").ProducesValidationProblem().DisableAntiforgery();
        lines.MapPost("/{id:long}/close", CloseAsync).RequireAuthorization(Permissions.EditDemandLines)
            .WithName("CloseDemandLine").WithSummary("Close a demand line (withdrawn)").DisableAntiforgery();
        lines.MapPost("/{id:long}/confirm", ConfirmAsync).RequireAuthorization(Permissions.EditDemandLines)
            .WithName("ConfirmDemandLine").WithSummary("Still needed: answers the weekly question and unfreezes a frozen line").DisableAntiforgery();
        lines.MapPost("/{id:long}/first-contact", FirstContactAsync).RequireAuthorization(Permissions.WorkDemandLines)
            .WithName("RecordFirstContact").WithSummary("The specialist made first contact with the enterprise").DisableAntiforgery();
        lines.MapPost("/{id:long}/assignment", ReassignAsync).RequireAuthorization(Permissions.LeadSpecialists)
            .WithName("ReassignDemandLine").WithSummary("Give the line to another specialist, with the reason (kept in the history)")
            .WithDescription("Body `{ \"specialist\", \"reason\" }`.").ProducesValidationProblem().DisableAntiforgery();
    }

    private static async Task<Ok<List<DesignationResponse>>> ListDesignationsAsync(Designations designations, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok((await designations.ListAsync(cancellationToken)).Select(d => DesignationResponse.From(d, clock)).ToList());

    private static async Task<Results<Created<DesignationResponse>, ValidationProblem>> DesignateAsync(
        DesignationRequest? request, Designations designations, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (designation, errors) = await designations.DesignateAsync(request?.Uscc, request?.Category, request?.EndsOn, user.Identity?.Name ?? "?", cancellationToken);
        return designation is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : TypedResults.Created($"/api/v1/ledger/designations#{designation.Id}", DesignationResponse.From(designation, clock));
    }

    private static async Task<Results<Ok<DesignationResponse>, NotFound>> EndDesignationAsync(long id, Designations designations, TimeProvider clock, CancellationToken cancellationToken) =>
        await designations.EndAsync(id, cancellationToken) is { } ended ? TypedResults.Ok(DesignationResponse.From(ended, clock)) : TypedResults.NotFound();

    private static async Task<Ok<List<SpecialistResponse>>> ListSpecialistsAsync(Specialists specialists, CancellationToken cancellationToken) =>
        TypedResults.Ok((await specialists.ListAsync(cancellationToken)).Select(s => new SpecialistResponse(s.Specialist.UserName, [.. s.Specialist.DistrictCodes], s.Specialist.Capacity, s.Open)).ToList());

    private static async Task<Results<Ok<SpecialistResponse>, ValidationProblem>> SetSpecialistAsync(SpecialistRequest? request, Specialists specialists, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (specialist, errors) = await specialists.SetAsync(request?.UserName, request?.Districts, request?.Capacity, user.Identity?.Name ?? "?", cancellationToken);
        return specialist is null
            ? TypedResults.ValidationProblem(errors.ToDictionary())
            : TypedResults.Ok(new SpecialistResponse(specialist.UserName, [.. specialist.DistrictCodes], specialist.Capacity, null));
    }

    private static async Task<Ok<List<LineResponse>>> ListAsync(
        LineQueries queries, ClaimsPrincipal user, string? specialist, bool? all, bool? done, CancellationToken cancellationToken)
    {
        string? uscc = null;
        string? of = specialist;
        if (!user.MayEverywhere(Permissions.ViewDemandLines))
        {
            uscc = user.EmployerUscc() ?? "-";
            of = null;
        }
        else if (of is null && all != true && user.IsInRole(Roles.ServiceSpecialist))
        {
            of = user.Identity?.Name;
        }

        var views = await queries.ListAsync(uscc, of, done == true, cancellationToken);
        return TypedResults.Ok(views.Select(v => LineResponse.From(v, null)).ToList());
    }

    private static async Task<Results<Created<LineResponse>, Ok<LineResponse>, ValidationProblem, NotFound>> CreateAsync(
        LineRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        DemandLines lines, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["required, at most 100 characters"] });
        }

        var uscc = user.MayEverywhere(Permissions.EditDemandLines) ? request?.Uscc?.Trim().ToUpperInvariant() : user.EmployerUscc();
        if (string.IsNullOrEmpty(uscc))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["uscc"] = ["required"] });
        }

        if (!await authorization.ActsForAsync(user, Permissions.EditDemandLines, uscc))
        {
            return TypedResults.NotFound();
        }

        var outcome = await lines.CreateAsync(uscc, request?.ToInput() ?? LineRequest.Empty, user.Identity?.Name ?? "?", idempotencyKey, cancellationToken);
        if (!outcome.Succeeded)
        {
            return TypedResults.ValidationProblem(outcome.Errors.ToDictionary());
        }

        var response = LineResponse.From((await queries.ViewAsync(outcome.Line!.Id, cancellationToken))!, null);
        return outcome.AlreadyRecorded ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/ledger/lines/{response.Id}", response);
    }

    private static async Task<Results<Ok<LineResponse>, NotFound>> GetAsync(long id, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await queries.ViewAsync(id, cancellationToken) is not { } view || !await authorization.ActsForAsync(user, Permissions.ViewDemandLines, view.Line.Uscc))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(LineResponse.From(view, await queries.HistoryAsync(id, cancellationToken)));
    }

    private static async Task<Results<Ok<LineResponse>, ValidationProblem, NotFound>> UpdateAsync(
        long id, LineRequest? request, DemandLines lines, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeAsync(id, Permissions.EditDemandLines, queries, authorization, user, line => lines.UpdateAsync(line, request?.ToInput() ?? LineRequest.Empty, user.Identity?.Name ?? "?", cancellationToken), cancellationToken);

    private static async Task<Results<Ok<LineResponse>, ValidationProblem, NotFound>> CloseAsync(
        long id, CloseRequest? request, DemandLines lines, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeAsync(id, Permissions.EditDemandLines, queries, authorization, user, line => lines.CloseAsync(line, user.Identity?.Name ?? "?", request?.Reason, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<LineResponse>, ValidationProblem, NotFound>> ConfirmAsync(
        long id, WeeklyConfirmations confirmations, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeAsync(id, Permissions.EditDemandLines, queries, authorization, user, async line =>
        {
            var result = await confirmations.ConfirmAsync(line, user.Identity?.Name ?? "?", cancellationToken);
            var errors = new FieldErrors();
            if (result != ConfirmResult.Confirmed)
            {
                errors.Add("status", "closed: a closed or filled line is not confirmed");
            }

            return new LineOutcome(line, errors);
        }, cancellationToken);

    private static async Task<Results<Ok<LineResponse>, ValidationProblem, NotFound>> FirstContactAsync(
        long id, DemandLines lines, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeAsync(id, Permissions.WorkDemandLines, queries, authorization, user, line => lines.RecordFirstContactAsync(line, user.Identity?.Name ?? "?", cancellationToken), cancellationToken);

    private static async Task<Results<Ok<LineResponse>, ValidationProblem, NotFound>> ReassignAsync(
        long id, AssignmentRequest? request, DemandLines lines, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ChangeAsync(id, Permissions.LeadSpecialists, queries, authorization, user, line => lines.ReassignAsync(line, request?.Specialist?.Trim(), request?.Reason, user.Identity?.Name ?? "?", cancellationToken), cancellationToken);

    private static async Task<Results<Ok<LineResponse>, ValidationProblem, NotFound>> ChangeAsync(
        long id, string action, LineQueries queries, IAuthorizationService authorization, ClaimsPrincipal user, Func<Line, Task<LineOutcome>> change, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } line || !await authorization.ActsForAsync(user, action, line.Uscc))
        {
            return TypedResults.NotFound();
        }

        var outcome = await change(line);
        if (!outcome.Errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(outcome.Errors.ToDictionary());
        }

        return TypedResults.Ok(LineResponse.From((await queries.ViewAsync(id, cancellationToken))!, await queries.HistoryAsync(id, cancellationToken)));
    }
}

internal sealed record DesignationRequest(string? Uscc, string? Category, string? EndsOn);

internal sealed record DesignationResponse(long Id, string Uscc, string Name, string Category, string DesignatedBy, DateTimeOffset DesignatedAt, DateOnly? EndsOn, bool InForce)
{
    public static DesignationResponse From(KeyEnterprise k, TimeProvider clock) => new(
        k.Id, k.Uscc, k.Name, LedgerRules.CategoryCode(k.Category), k.DesignatedBy, k.DesignatedAt, k.EndsOn, k.InForceOn(Platform.Time.BeijingTime.DayOf(clock.GetUtcNow())));
}

internal sealed record SpecialistRequest(string? UserName, List<string>? Districts, int? Capacity);

internal sealed record SpecialistResponse(string UserName, List<string> Districts, int Capacity, int? OpenLines);

internal sealed record AssignmentRequest(string? Specialist, string? Reason);

internal sealed record CloseRequest(string? Reason);

internal sealed record LineRequest(
    string? Uscc, string? Occupation, string? TitleZh, string? TitleEn, int? Headcount, List<string>? MustHaveSkills, List<string>? NiceToHaveSkills,
    string? District, string? Site, decimal? PayMin, decimal? PayMax, string? StartOn, string? Shifts)
{
    public static readonly LineInput Empty = new(null, null, null, null, null, null, null, null, null, null, null, null);

    public LineInput ToInput() => new(Occupation, TitleZh, TitleEn, Headcount, MustHaveSkills, NiceToHaveSkills, District, Site, PayMin, PayMax, StartOn, Shifts);
}

internal sealed record FunnelResponse(int Recommended, int Applied, int Interviewed, int Hired, string? StuckAt, DateTimeOffset? StuckSince);

internal sealed record HistoryResponse(DateTimeOffset At, string By, string Kind, string? Detail);

internal sealed record LineResponse(
    long Id, string Uscc, string EmployerName, string Category, string Occupation, string TitleZh, string TitleEn, int Headcount, int Hired,
    IReadOnlyList<string> MustHaveSkills, IReadOnlyList<string> NiceToHaveSkills, string District, string Site, decimal PayMin, decimal PayMax,
    DateOnly StartOn, string Shifts, string Status, decimal Urgency, string? Specialist, DateTimeOffset? FirstContactDue, DateTimeOffset? FirstContactAt,
    bool FirstContactOverdue, FunnelResponse Funnel, List<HistoryResponse>? History)
{
    public static LineResponse From(LineView view, IReadOnlyList<LineEvent>? history)
    {
        var l = view.Line;
        var f = view.Funnel;
        return new LineResponse(
            l.Id, l.Uscc, l.EmployerName, LedgerRules.CategoryCode(l.Category), l.Occupation, l.TitleZh, l.TitleEn, l.Headcount, l.Hired,
            Line.Codes(l.MustHaveSkills), Line.Codes(l.NiceToHaveSkills), l.District, l.Site, l.PayMin, l.PayMax, l.StartOn, l.Shifts,
            System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(l.Status.ToString()), view.Urgency, l.Specialist, view.FirstContactDue, l.FirstContactAt,
            view.FirstContactOverdue, new FunnelResponse(f.Recommended, f.Applied, f.Interviewed, f.Hired, f.StuckAt is { } s ? LedgerRules.StageCode(s) : null, f.StuckSince),
            history?.Select(h => new HistoryResponse(h.At, h.By, h.Kind, h.Detail)).ToList());
    }
}
