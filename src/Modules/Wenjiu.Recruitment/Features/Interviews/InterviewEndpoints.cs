using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Recruitment.Features.Seekers;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment.Features.Interviews;

/// <summary>Interviews: the employer invites (<c>POST /api/v1/applications/{id}/interviews</c>) and records the outcome; the seeker answers; both download the <c>.ics</c>.</summary>
internal static class InterviewEndpoints
{
    public static void Map(RouteGroupBuilder applications, RouteGroupBuilder interviews)
    {
        applications.MapPost("/{id:long}/interviews", InviteAsync).RequireAuthorization(Permissions.WorkApplications).WithTags("Interviews").WithName("InviteToInterview")
            .WithSummary("Invite the applicant to an interview round: `starts_at` (an instant with its offset), `minutes` (10–240), `link` (https, the online room); the application moves to interview and the seeker is notified");
        var api = interviews.MapGroup("").WithTags("Interviews");
        api.MapGet("/{id:long}/invitation.ics", IcsAsync).WithName("InterviewIcs")
            .WithSummary("The interview as an iCalendar file (the seeker's own or the employer's)");
        api.MapPost("/{id:long}/response", RespondAsync).RequireAuthorization(Permissions.SeekWork).WithName("AnswerInterview")
            .WithSummary("The seeker accepts (`accept`: true) or declines (false) before it starts");
        api.MapPost("/{id:long}/outcome", OutcomeAsync).RequireAuthorization(Permissions.WorkApplications).WithName("InterviewOutcome")
            .WithSummary("The employer records `attended` true or false (a no-show, counted on the application) once it has started");
    }

    private static async Task<Results<Created<InterviewItem>, ValidationProblem, NotFound>> InviteAsync(
        long id, InterviewInput? request, ClaimsPrincipal user, Interviews interviews, IStringLocalizer<RecruitmentText> text, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc)
        {
            return TypedResults.NotFound();
        }

        var result = await interviews.InviteAsync(id, uscc, request ?? new InterviewInput(null, null, null), user.Identity!.Name!, cancellationToken);
        if (result.NotFound)
        {
            return TypedResults.NotFound();
        }

        return result.Interview is { } interview
            ? TypedResults.Created($"/api/v1/interviews/{interview.Id}/invitation.ics", InterviewItem.From(interview))
            : SeekerEndpoints.Problem(result.Errors, text);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> IcsAsync(
        long id, ClaimsPrincipal user, Interviews interviews, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        var interview = await FindAsync(id, user, interviews, seekers, cancellationToken);
        if (interview is null)
        {
            return TypedResults.NotFound();
        }

        var ics = await interviews.IcsAsync(interview, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"interview-{interview.Id}.ics");
    }

    private static async Task<Results<Ok<InterviewItem>, NotFound, Conflict>> RespondAsync(
        long id, ResponseRequest? request, ClaimsPrincipal user, Interviews interviews, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        var seeker = await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken);
        if (seeker is null || await interviews.OfSeekerAsync(id, seeker.Id, cancellationToken) is not { } interview)
        {
            return TypedResults.NotFound();
        }

        return await interviews.RespondAsync(interview, request?.Accept ?? false, cancellationToken) ? TypedResults.Ok(InterviewItem.From(interview)) : TypedResults.Conflict();
    }

    private static async Task<Results<Ok<InterviewItem>, NotFound, Conflict>> OutcomeAsync(
        long id, OutcomeRequest? request, ClaimsPrincipal user, Interviews interviews, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is not { Length: > 0 } uscc || await interviews.OfEmployerAsync(id, uscc, cancellationToken) is not { } interview)
        {
            return TypedResults.NotFound();
        }

        return await interviews.RecordOutcomeAsync(interview, uscc, request?.Attended ?? true, cancellationToken) ? TypedResults.Ok(InterviewItem.From(interview)) : TypedResults.Conflict();
    }

    private static async Task<Interview?> FindAsync(long id, ClaimsPrincipal user, Interviews interviews, Seekers.Seekers seekers, CancellationToken cancellationToken)
    {
        if (user.EmployerUscc() is { Length: > 0 } uscc && user.MayFor(Permissions.WorkApplications, uscc))
        {
            return await interviews.OfEmployerAsync(id, uscc, cancellationToken);
        }

        return user.May(Permissions.SeekWork) && await seekers.OfUserAsync(user.Identity!.Name!, cancellationToken) is { } seeker
            ? await interviews.OfSeekerAsync(id, seeker.Id, cancellationToken)
            : null;
    }

    internal sealed record ResponseRequest(bool? Accept);

    internal sealed record OutcomeRequest(bool? Attended);
}

internal sealed record InterviewItem(long Id, long ApplicationId, int Round, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Link, string Status, string Ics)
{
    public static InterviewItem From(Interview i) => new(
        i.Id, i.ApplicationId, i.Round, i.StartsAt, i.EndsAt, i.Link, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(i.Status), $"/api/v1/interviews/{i.Id}/invitation.ics");
}
