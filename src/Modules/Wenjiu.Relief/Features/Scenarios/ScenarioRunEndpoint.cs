using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary><c>GET /api/v1/relief/scenario-runs/{id}</c>: a scenario run's progress and its results beside the baseline (the scenario page polls it).</summary>
internal static class ScenarioRunEndpoint
{
    public static void Map(RouteGroupBuilder relief)
    {
        var group = relief.MapGroup("").WithTags("Relief scenarios");
        group.MapGet("/scenario-runs/{id:guid}", async (Guid id, ScenarioRunViewHandler handler, IStringLocalizer<ReliefText> text, CancellationToken cancellationToken) =>
            {
                var view = await handler.FindAsync(id, cancellationToken);
                return view is null ? Results.NotFound() : Results.Json(RunAnswer.Of(view, text), ApiJson.Options);
            })
            .RequireAuthorization(Permissions.Scenarios)
            .WithName("ScenarioRun")
            .WithSummary("A scenario run's progress and its results beside the baseline")
            .WithDescription("status (running, completed, failed), months_done of months, finished; results by month and size class with baseline and scenario employer due, relief and payable. Needs the `Scenarios` action (docs/permissions.md).")
            .Produces<RunAnswer>()
            .Produces(StatusCodes.Status404NotFound);
    }

    internal sealed record RunRowAnswer(
        string? Month,
        string? SizeClass,
        string? SizeClassName,
        int Employers,
        long Insured,
        decimal BaselineEmployerDue,
        decimal BaselineEmployerRelief,
        decimal BaselineEmployerPayable,
        decimal ScenarioEmployerDue,
        decimal ScenarioEmployerRelief,
        decimal ScenarioEmployerPayable,
        decimal ReliefDifference)
    {
        public static RunRowAnswer Of(SideBySide r, IStringLocalizer<ReliefText> text) => new(
            r.Month?.ToString(),
            r.SizeClass,
            r.SizeClass is null ? null : text.SizeClass(r.SizeClass),
            r.Employers,
            r.Insured,
            r.BaselineDue,
            r.BaselineRelief,
            r.BaselinePayable,
            r.ScenarioDue,
            r.ScenarioRelief,
            r.ScenarioPayable,
            r.ReliefDifference);
    }

    internal sealed record RunAnswer(
        Guid Id,
        string Scenario,
        string Status,
        int MonthsDone,
        int Months,
        bool Finished,
        string? Message,
        IReadOnlyList<RunRowAnswer> Results,
        IReadOnlyList<RunRowAnswer> ByMonth,
        RunRowAnswer Total)
    {
        public static RunAnswer Of(ScenarioRunView view, IStringLocalizer<ReliefText> text) => new(
            view.Run.Id,
            view.Scenario.Name,
            view.Run.Status.ToString().ToLowerInvariant(),
            view.Run.MonthsDone,
            view.Months,
            view.IsFinished,
            view.Run.Message,
            view.ByMonthAndClass.Select(r => RunRowAnswer.Of(r, text)).ToList(),
            view.ByMonth.Select(r => RunRowAnswer.Of(r, text)).ToList(),
            RunRowAnswer.Of(view.Total, text));
    }
}
