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
using Wenjiu.Relief.Features.Deferrals;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>The assessment's JSON API under <c>/api/v1/relief/assessments</c>, for bureau staff: start, list, follow, compare.</summary>
internal static class AssessmentEndpoints
{
    public static void Map(RouteGroupBuilder relief)
    {
        var api = relief.MapGroup("").WithTags("Relief assessment");
        api.MapPost("/assessments", Start)
            .RequireAuthorization(Permissions.RunAssessment)
            .WithName("StartAssessment")
            .WithSummary("Start the monthly assessment of a month")
            .WithDescription("Body `{ \"month\": \"2020-02\" }`. Runs in the background: every employer with spells active in the month is billed and stored under a new version of the month, which becomes current when the run completes. Poll `GET /api/v1/relief/assessments/{id}`.")
            .ProducesValidationProblem()
            // JSON only: a cross-site form cannot send it and the sign-in cookie is SameSite=Lax (docs/adr/0005-api-antiforgery.md).
            .DisableAntiforgery();
        api.MapGet("/assessments", ListAsync)
            .RequireAuthorization(Permissions.ViewAssessments)
            .WithName("ListAssessments")
            .WithSummary("List assessment runs")
            .WithDescription("The latest runs, newest month and version first; `month` (YYYY-MM) narrows to one month.")
            .ProducesValidationProblem();
        api.MapGet("/assessments/{id:guid}", GetAsync)
            .RequireAuthorization(Permissions.ViewAssessments)
            .WithName("GetAssessment")
            .WithSummary("Get an assessment run's progress and totals")
            .WithDescription("Status (`queued`, `running`, `completed`, `failed`), employers done so far, and when completed the totals over all employers and per insurance, in yuan. The run page polls this.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/assessments/diff", DiffAsync)
            .RequireAuthorization(Permissions.ViewAssessments)
            .WithName("DiffAssessments")
            .WithSummary("Compare two versions of a month")
            .WithDescription("Totals per insurance of both versions and their difference, the parameters whose value changed, and how many employers' bills changed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Results<Accepted<RunResponse>, ValidationProblem> Start(StartRequest? request, BackgroundAssessments queue, ClaimsPrincipal user, IStringLocalizer<ReliefText> text)
    {
        if (!TryMonth(request?.Month, text, out var month, out var problem))
        {
            return problem;
        }

        var id = queue.Enqueue(month, user.Identity?.Name ?? "?");
        var response = RunResponse.Queued(id, month);
        return TypedResults.Accepted(response.Links.Self, response);
    }

    private static async Task<Results<Ok<List<RunResponse>>, ValidationProblem>> ListAsync(
        [Description("YYYY-MM")] string? month, AssessmentQueries queries, IStringLocalizer<ReliefText> text, CancellationToken cancellationToken)
    {
        YearMonth? filter = null;
        if (month is not null)
        {
            if (!TryMonth(month, text, out var m, out var problem))
            {
                return problem;
            }

            filter = m;
        }

        var runs = await queries.RecentAsync(filter, cancellationToken);
        return TypedResults.Ok(runs.Select(r => RunResponse.From(r, null)).ToList());
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetAsync(
        Guid id, AssessmentQueries queries, BackgroundAssessments queue, IStringLocalizer<ReliefText> text, CancellationToken cancellationToken)
    {
        var run = await queries.FindAsync(id, cancellationToken);
        if (run is null)
        {
            return queue.Queued(id) is { } queued
                ? TypedResults.Ok(RunResponse.Queued(id, queued.Month))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Assess.NotFound"]);
        }

        var insurances = run.Status == AssessmentStatus.Completed ? await queries.InsuranceTotalsAsync(run.Id, cancellationToken) : null;
        return TypedResults.Ok(RunResponse.From(run, insurances));
    }

    private static async Task<Results<Ok<DiffResponse>, ValidationProblem, ProblemHttpResult>> DiffAsync(
        [Description("YYYY-MM")] string? month,
        [Description("The earlier version (integer)")] int? from,
        [Description("The later version (integer)")] int? to,
        AssessmentQueries queries,
        IStringLocalizer<ReliefText> text,
        CancellationToken cancellationToken)
    {
        if (!TryMonth(month, text, out var m, out var problem))
        {
            return problem;
        }

        if (from is null || to is null)
        {
            var errors = new Dictionary<string, string[]>();
            if (from is null)
            {
                errors["from"] = [text["Diff.Error.Version"]];
            }

            if (to is null)
            {
                errors["to"] = [text["Diff.Error.Version"]];
            }

            return TypedResults.ValidationProblem(errors);
        }

        var diff = await queries.DiffAsync(m, from.Value, to.Value, cancellationToken);
        return diff is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["Diff.NotFound"])
            : TypedResults.Ok(DiffResponse.From(diff));
    }


    private static bool TryMonth(string? written, IStringLocalizer<ReliefText> text, out YearMonth month, out ValidationProblem problem)
    {
        problem = null!;
        if (string.IsNullOrWhiteSpace(written))
        {
            month = default;
            problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [text["Assess.Error.MonthRequired"]] });
            return false;
        }

        if (!YearMonth.TryParse(written, CultureInfo.InvariantCulture, out month))
        {
            problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [text["Assess.Error.MonthInvalid", written]] });
            return false;
        }

        return true;
    }
}

internal sealed record StartRequest([property: Description("The contribution month, YYYY-MM")] string? Month);

internal sealed record RunLinks(string Self, string Page);

internal sealed record AmountsResponse(decimal EmployerDue, decimal EmployerRelief, decimal EmployerPayable, decimal EmployeePayable);

internal sealed record RunResponse(
    Guid Id,
    string Month,
    int? Version,
    string Status,
    bool IsCurrent,
    bool Finished,
    string? RuleSet,
    string? RuleSetVersion,
    int EmployersDone,
    int Employers,
    int Insured,
    AmountsResponse? Totals,
    [property: Description("Employer payable deferred under approved deferrals, yuan")] decimal Deferred,
    IReadOnlyDictionary<string, AmountsResponse>? Insurances,
    string? Message,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    RunLinks Links)
{
    public static RunResponse Queued(Guid id, YearMonth month) =>
        new(id, month.ToString(), null, "queued", false, false, null, null, 0, 0, 0, null, 0, null, null, null, null, LinksOf(id));

    public static RunResponse From(AssessmentRun run, IReadOnlyList<InsuranceTotals>? insurances) => new(
        run.Id,
        run.Month.ToString(),
        run.Version,
        StatusCode(run.Status),
        run.IsCurrent,
        run.Status != AssessmentStatus.Running,
        run.RuleSetName,
        run.RuleSetVersion,
        run.EmployersDone,
        run.Employers,
        run.Insured,
        run.Status is AssessmentStatus.Completed or AssessmentStatus.Pruned ? new AmountsResponse(run.EmployerDue, run.EmployerRelief, run.EmployerPayable, run.EmployeePayable) : null,
        run.Deferred,
        insurances?.ToDictionary(i => i.Insurance.Code(), i => new AmountsResponse(i.EmployerDue, i.EmployerRelief, i.EmployerPayable, i.EmployeePayable)),
        run.Message,
        run.StartedAt,
        run.FinishedAt,
        LinksOf(run.Id));

    public static string StatusCode(AssessmentStatus status) => status.ToString().ToLowerInvariant();

    private static RunLinks LinksOf(Guid id) => new($"/api/v1/relief/assessments/{id}", $"/Relief/Assessments/Run/{id}");
}

internal sealed record ParameterChangeResponse(string Name, string? From, string? To, string Unit);

internal sealed record InsuranceDiffResponse(string Insurance, AmountsResponse From, AmountsResponse To, AmountsResponse Change);

internal sealed record DiffResponse(
    string Month, int FromVersion, int ToVersion, string FromRuleSetVersion, string ToRuleSetVersion,
    IReadOnlyList<InsuranceDiffResponse> Insurances, IReadOnlyList<ParameterChangeResponse> ParameterChanges, int EmployersChanged)
{
    public static DiffResponse From(AssessmentDiff diff) => new(
        diff.To.Month.ToString(),
        diff.From.Version,
        diff.To.Version,
        diff.From.RuleSetVersion,
        diff.To.RuleSetVersion,
        diff.FromTotals.Zip(diff.ToTotals).Select(x => new InsuranceDiffResponse(
            x.First.Insurance.Code(),
            Amounts(x.First),
            Amounts(x.Second),
            new AmountsResponse(
                x.Second.EmployerDue - x.First.EmployerDue,
                x.Second.EmployerRelief - x.First.EmployerRelief,
                x.Second.EmployerPayable - x.First.EmployerPayable,
                x.Second.EmployeePayable - x.First.EmployeePayable))).ToList(),
        diff.ParameterChanges.Select(p => new ParameterChangeResponse(p.Name, p.From, p.To, p.Unit)).ToList(),
        diff.EmployersChanged);

    private static AmountsResponse Amounts(InsuranceTotals t) => new(t.EmployerDue, t.EmployerRelief, t.EmployerPayable, t.EmployeePayable);
}
