using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment.Features.Seekers;

/// <summary>Seekers under <c>/api/v1/seekers</c>: registration (by the seeker or on their behalf), the own profile, resume and consents, and a seeker as a viewer may see them.</summary>
internal static class SeekerEndpoints
{
    public static void Map(RouteGroupBuilder seekers)
    {
        var api = seekers.MapGroup("").WithTags("Seekers");
        api.MapPost("", RegisterAsync)
            .RequireAuthorization(Permissions.RegisterSeekers)
            .WithName("RegisterSeeker")
            .WithSummary("Register a job seeker on their behalf (staff, an HR agency)")
            .WithDescription("Body: `id_number` (goes only to the registry's person records) and the profile (`name`, `phone`, `kind`, `district`, `education`, `school`, `major`, `graduation_year`, `origin_county`, `skills`, `wanted_occupations`, `pay_min`, `open_to_recommendations`). The `Idempotency-Key` header is required. 201 with the seeker; 200 with the existing seeker when the person is one already.")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapPost("/me", RegisterSelfAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("RegisterMyself")
            .WithSummary("Register the signed-in job seeker")
            .WithDescription("As `POST /api/v1/seekers`; the seeker is bound to the signed-in user. 200 with the seeker when the user has one already.")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapGet("/me", MeAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("MySeekerProfile")
            .WithSummary("The signed-in seeker's profile, resume and consents (404 before registration)");
        api.MapPut("/me", UpdateAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("UpdateMySeekerProfile")
            .WithSummary("Change the signed-in seeker's profile")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapPost("/me/resume", AddEntryAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("AddResumeEntry")
            .WithSummary("Add a line to the structured resume")
            .WithDescription("Body: `kind` (`education`, `work`, `certificate`, `training`), `from`, `to` (dates), `organisation`, `title`, `occupation` (a taxonomy code, for work), `description`.")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapPut("/me/resume/{entryId:long}", EditEntryAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("EditResumeEntry")
            .WithSummary("Change a line of the structured resume")
            .ProducesValidationProblem()
            .DisableAntiforgery();
        api.MapDelete("/me/resume/{entryId:long}", RemoveEntryAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("RemoveResumeEntry")
            .WithSummary("Remove a line of the structured resume")
            .DisableAntiforgery();
        api.MapPut("/me/consents/{uscc}", ConsentAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("ConsentToEmployer")
            .WithSummary("Let an employer (or an HR agency) see the seeker's name, phone and resume without an application")
            .DisableAntiforgery();
        api.MapDelete("/me/consents/{uscc}", RevokeAsync)
            .RequireAuthorization(Permissions.SeekWork)
            .WithName("RevokeConsent")
            .WithSummary("Withdraw the consent given to an employer")
            .DisableAntiforgery();
        api.MapGet("/{id:long}", ViewAsync)
            .RequireAuthorization(Permissions.ViewSeekers)
            .WithName("ViewSeeker")
            .WithSummary("A seeker as the caller may see them")
            .WithDescription("Staff see a seeker in full; an employer or an HR agency sees in full a seeker who applied to it or consented (`unmasked: true`, audited), one open to recommendations masked (name, phone; no resume), and no other (404).");
    }

    internal sealed record SeekerRequest(
        string? IdNumber, string? Name, string? Phone, string? Kind, string? District, string? Education, string? School, string? Major, int? GraduationYear,
        string? OriginCounty, IReadOnlyList<string>? Skills, IReadOnlyList<string>? WantedOccupations, decimal? PayMin, bool? OpenToRecommendations)
    {
        public SeekerProfileInput Profile => new(Name, Phone, Kind, District, Education, School, Major, GraduationYear, OriginCounty, Skills, WantedOccupations, PayMin, OpenToRecommendations);
    }

    internal sealed record ResumeEntryRequest(string? Kind, DateOnly? From, DateOnly? To, string? Organisation, string? Title, string? Occupation, string? Description)
    {
        public ResumeEntryInput Input => new(Kind, From, To, Organisation, Title, Occupation, Description);
    }

    internal sealed record ResumeEntryResponse(long Id, string Kind, DateOnly? From, DateOnly? To, string Organisation, string Title, string? Occupation, string Description)
    {
        public static ResumeEntryResponse Of(ResumeEntry e) => new(e.Id, Seekers.Code(e.Kind), e.From, e.To, e.Organisation, e.Title, e.Occupation, e.Description);
    }

    internal sealed record SeekerResponse(
        long Id, string Name, string? Phone, bool Unmasked, string Kind, string District, string Education, string School, string Major, int? GraduationYear,
        string OriginCounty, IReadOnlyList<string> Skills, IReadOnlyList<string> WantedOccupations, decimal PayMin, bool OpenToRecommendations,
        IReadOnlyList<ResumeEntryResponse> Resume, IReadOnlyList<string> Consents)
    {
        public static SeekerResponse From(SeekerView v) => new(
            v.Id, v.Name, v.Phone, v.Unmasked, Seekers.Code(v.Kind), v.District, Seekers.Code(v.Education), v.School, v.Major, v.GraduationYear, v.OriginCounty,
            v.Skills, v.WantedOccupations, v.PayMin, v.OpenToRecommendations, [.. v.Resume.Select(ResumeEntryResponse.Of)], v.ConsentedEmployers);
    }

    internal static ValidationProblem Problem(IReadOnlyDictionary<string, string> errors, IStringLocalizer<RecruitmentText> text) =>
        TypedResults.ValidationProblem(errors.ToDictionary(
            e => e.Key == "IdempotencyKey" ? "Idempotency-Key" : ApiJson.FieldName(e.Key), e => new[] { text[e.Value].Value }, StringComparer.Ordinal));

    private static async Task<Results<Created<SeekerResponse>, Ok<SeekerResponse>, ValidationProblem>> RegisterAsync(
        SeekerRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken) =>
        await RegisterCoreAsync(request, idempotencyKey, null, user, seekers, text, cancellationToken);

    private static async Task<Results<Created<SeekerResponse>, Ok<SeekerResponse>, ValidationProblem>> RegisterSelfAsync(
        SeekerRequest? request,
        [FromHeader(Name = "Idempotency-Key")] [Description("Any unique string up to 100 characters; repeat it to retry safely.")] string? idempotencyKey,
        ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken) =>
        await RegisterCoreAsync(request, idempotencyKey, user.Identity!.Name, user, seekers, text, cancellationToken);

    private static async Task<Results<Created<SeekerResponse>, Ok<SeekerResponse>, ValidationProblem>> RegisterCoreAsync(
        SeekerRequest? request, string? idempotencyKey, string? userName, ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        // The person number makes a repeat harmless; the key is still required, as on every POST that creates.
        if (idempotencyKey?.Trim() is not { Length: > 0 and <= 100 })
        {
            return Problem(new Dictionary<string, string>(StringComparer.Ordinal) { ["IdempotencyKey"] = "Application.Error.Key" }, text);
        }

        var result = await seekers.RegisterAsync(request?.IdNumber, request?.Profile ?? new SeekerProfileInput(null, null, null, null, null, null, null, null, null, null, null, null, null),
            userName, user.Identity?.Name ?? "?", cancellationToken);
        if (result.Value is not { } seeker)
        {
            return Problem(result.Errors, text);
        }

        var response = SeekerResponse.From(await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken));
        return result.Repeated ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/seekers/{seeker.Id}", response);
    }

    private static async Task<Results<Ok<SeekerResponse>, NotFound>> MeAsync(ClaimsPrincipal user, Seekers seekers, CancellationToken cancellationToken) =>
        await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is { } seeker
            ? TypedResults.Ok(SeekerResponse.From(await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken)))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<SeekerResponse>, ValidationProblem, NotFound>> UpdateAsync(
        SeekerRequest? request, ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return TypedResults.NotFound();
        }

        var result = await seekers.UpdateProfileAsync(seeker, request?.Profile ?? new SeekerProfileInput(null, null, null, null, null, null, null, null, null, null, null, null, null), cancellationToken);
        return result.Value is null ? Problem(result.Errors, text) : TypedResults.Ok(SeekerResponse.From(await seekers.ViewOfAsync(seeker, unmasked: true, cancellationToken)));
    }

    private static Task<Results<Created<ResumeEntryResponse>, Ok<ResumeEntryResponse>, ValidationProblem, NotFound>> AddEntryAsync(
        ResumeEntryRequest? request, ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken) =>
        SaveEntryAsync(null, request, user, seekers, text, cancellationToken);

    private static Task<Results<Created<ResumeEntryResponse>, Ok<ResumeEntryResponse>, ValidationProblem, NotFound>> EditEntryAsync(
        long entryId, ResumeEntryRequest? request, ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken) =>
        SaveEntryAsync(entryId, request, user, seekers, text, cancellationToken);

    private static async Task<Results<Created<ResumeEntryResponse>, Ok<ResumeEntryResponse>, ValidationProblem, NotFound>> SaveEntryAsync(
        long? entryId, ResumeEntryRequest? request, ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return TypedResults.NotFound();
        }

        var result = await seekers.SaveEntryAsync(seeker, entryId, request?.Input ?? new ResumeEntryInput(null, null, null, null, null, null, null), cancellationToken);
        if (result.Errors.Count > 0)
        {
            return Problem(result.Errors, text);
        }

        if (result.Value is not { } entry)
        {
            return TypedResults.NotFound();
        }

        var response = ResumeEntryResponse.Of(entry);
        return entryId is null ? TypedResults.Created($"/api/v1/seekers/me/resume/{entry.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, NotFound>> RemoveEntryAsync(long entryId, ClaimsPrincipal user, Seekers seekers, CancellationToken cancellationToken) =>
        await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is { } seeker && await seekers.RemoveEntryAsync(seeker, entryId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, ValidationProblem, NotFound>> ConsentAsync(
        string uscc, ClaimsPrincipal user, Seekers seekers, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return TypedResults.NotFound();
        }

        return await seekers.ConsentAsync(seeker, uscc, cancellationToken)
            ? TypedResults.NoContent()
            : Problem(new Dictionary<string, string>(StringComparer.Ordinal) { ["Uscc"] = "Seeker.Error.Uscc" }, text);
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string uscc, ClaimsPrincipal user, Seekers seekers, CancellationToken cancellationToken)
    {
        if (await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is not { } seeker)
        {
            return TypedResults.NotFound();
        }

        await seekers.RevokeConsentAsync(seeker, uscc, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SeekerResponse>, NotFound>> ViewAsync(long id, ClaimsPrincipal user, Seekers seekers, CancellationToken cancellationToken) =>
        await seekers.ViewAsync(id, user, cancellationToken) is { } view ? TypedResults.Ok(SeekerResponse.From(view)) : TypedResults.NotFound();
}
