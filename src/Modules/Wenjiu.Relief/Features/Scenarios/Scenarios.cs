using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Rules;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>A scenario as its form writes it: the overrides as YAML, and the common ones through the form's fields (<see cref="CommonOverrides"/>).</summary>
internal sealed record ScenarioForm(string? Name, string? Description, string? OverridesYaml, CommonOverridesForm? Common = null);

/// <summary>
/// A field's error; <see cref="Field"/> is the form field's name (Name, Description, OverridesYaml, FirstMonth,
/// LastMonth, or one of the common overrides' fields). <see cref="Message"/> is a code the page says in its language
/// (with <see cref="Arguments"/>), or else a message as it is; <see cref="Parameter"/> names the parameter concerned.
/// </summary>
internal sealed record FieldProblem(string Field, string Message, string? Parameter = null, IReadOnlyList<string>? Arguments = null);

/// <summary>A scenario with its runs, newest first.</summary>
internal sealed record ScenarioView(Scenario Scenario, IReadOnlyList<ScenarioRun> Runs);

/// <summary>
/// Saving, listing and starting scenarios (issue 3 §6). Names are unique; overrides are checked against the rule set
/// before anything is saved, so a stored scenario always runs.
/// </summary>
internal sealed class ScenarioHandler(ReliefDbContext db, ReliefRuleSet rules, BackgroundScenarioRuns background, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2000;

    /// <summary>The longest range one run may cover: two policy years.</summary>
    public const int MaxMonths = 24;

    public async Task<IReadOnlyList<(Scenario Scenario, ScenarioRun? LastRun)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var scenarios = await db.Scenarios.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var ids = scenarios.Select(s => s.Id).ToList();
        var runs = await db.ScenarioRuns.AsNoTracking().Where(r => ids.Contains(r.ScenarioId)).ToListAsync(cancellationToken);
        var last = runs.GroupBy(r => r.ScenarioId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.StartedAt).First());
        return scenarios.Select(s => (s, last.GetValueOrDefault(s.Id))).ToList();
    }

    public async Task<ScenarioView?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var scenario = await db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scenario is null)
        {
            return null;
        }

        var runs = await db.ScenarioRuns.AsNoTracking().Where(r => r.ScenarioId == id).OrderByDescending(r => r.StartedAt).ToListAsync(cancellationToken);
        return new ScenarioView(scenario, runs);
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a scenario; the problems name the fields.</summary>
    public async Task<(Guid? Id, IReadOnlyList<FieldProblem> Problems)> SaveAsync(Guid? id, ScenarioForm form, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<FieldProblem>();
        var name = form.Name?.Trim() ?? "";
        var description = form.Description?.Trim() ?? "";
        if (name.Length == 0)
        {
            problems.Add(new(nameof(ScenarioForm.Name), "name_required"));
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add(new(nameof(ScenarioForm.Name), "name_too_long"));
        }
        else if (await db.Scenarios.AnyAsync(s => s.Name == name && s.Id != id, cancellationToken))
        {
            problems.Add(new(nameof(ScenarioForm.Name), "name_taken"));
        }

        if (description.Length > MaxDescriptionLength)
        {
            problems.Add(new(nameof(ScenarioForm.Description), "description_too_long"));
        }

        // The form's common changes are written into the YAML (one model); the YAML is then checked as if typed.
        var before = problems.Count;
        var yaml = form.Common is { } common ? CommonOverrides.Merge(common, form.OverridesYaml, rules, problems) : form.OverridesYaml;
        if (problems.Count == before)
        {
            var overrideProblems = new List<OverrideProblem>();
            ScenarioOverrides.Parse(yaml, rules, overrideProblems);
            problems.AddRange(overrideProblems.Select(p => new FieldProblem(nameof(ScenarioForm.OverridesYaml), p.Code ?? p.Message, p.Parameter, p.Arguments)));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow();
        Scenario? scenario;
        if (id is { } existing)
        {
            scenario = await db.Scenarios.FirstOrDefaultAsync(s => s.Id == existing, cancellationToken);
            if (scenario is null)
            {
                return (null, []);
            }
        }
        else
        {
            scenario = new Scenario { Id = Guid.NewGuid(), CreatedBy = user, CreatedAt = now };
            db.Scenarios.Add(scenario);
        }

        scenario.Name = name;
        scenario.Description = description;
        scenario.OverridesYaml = yaml!.ReplaceLineEndings("\n").Trim() + "\n";
        scenario.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (scenario.Id, []);
    }

    /// <summary>
    /// Checks the range (written YYYY-MM, in order, at most <see cref="MaxMonths"/>, every month covered by the
    /// scenario's rules), records a run and hands it to the background worker.
    /// </summary>
    public async Task<(Guid? RunId, IReadOnlyList<FieldProblem> Problems)> StartRunAsync(Guid scenarioId, string? firstMonth, string? lastMonth, string user, CancellationToken cancellationToken = default)
    {
        var scenario = await db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scenarioId, cancellationToken);
        if (scenario is null)
        {
            return (null, []);
        }

        var problems = new List<FieldProblem>();
        var first = Month(firstMonth, "FirstMonth", problems);
        var last = Month(lastMonth, "LastMonth", problems);
        if (first is { } f && last is { } l)
        {
            if (l < f)
            {
                problems.Add(new("LastMonth", "range_reversed"));
            }
            else if (l.Ordinal - f.Ordinal + 1 > MaxMonths)
            {
                problems.Add(new("LastMonth", "range_too_long"));
            }
            else
            {
                var scenarioRules = ScenarioRules(scenario, rules);
                for (var m = f; m <= l; m = m.AddMonths(1))
                {
                    try
                    {
                        rules.For(m);
                        scenarioRules.For(m);
                    }
                    catch (ParameterNotInForceException e)
                    {
                        problems.Add(new(m == f ? "FirstMonth" : "LastMonth", e.Message));
                        break;
                    }
                }
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var run = new ScenarioRun
        {
            Id = Guid.NewGuid(),
            ScenarioId = scenarioId,
            FirstMonth = first!.Value,
            LastMonth = last!.Value,
            Status = AssessmentStatus.Running,
            RuleSetVersion = rules.Version,
            StartedBy = user,
            StartedAt = clock.GetUtcNow(),
        };
        db.ScenarioRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await background.EnqueueAsync(run.Id, cancellationToken);
        return (run.Id, []);
    }

    /// <summary>The baseline with the scenario's overrides; the scenario was checked when saved.</summary>
    public static ReliefRuleSet ScenarioRules(Scenario scenario, ReliefRuleSet baseline)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(baseline);
        var problems = new List<OverrideProblem>();
        var overrides = ScenarioOverrides.Parse(scenario.OverridesYaml, baseline, problems)
            ?? throw new InvalidOperationException($"Scenario '{scenario.Name}' no longer fits the rule set: {string.Join("; ", problems)}");
        return baseline.With(overrides, scenario.Name);
    }

    private static YearMonth? Month(string? text, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new(field, "month_required"));
            return null;
        }

        if (!YearMonth.TryParse(text, CultureInfo.InvariantCulture, out var month))
        {
            problems.Add(new(field, "month_invalid"));
            return null;
        }

        return month;
    }
}
