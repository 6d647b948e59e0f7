using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// <c>assess --month 2020-02</c>: the monthly assessment from the command line (a new version of the month, current
/// when it completes); <c>assess diff --month 2020-02 --from 1 --to 2</c>: what changed between two versions.
/// Exit status 0 when done, 1 when the run failed or the versions do not exist, 2 for a bad argument.
/// </summary>
internal static class AssessCommand
{
    public static Command Create(IServiceProvider services)
    {
        var month = new Option<string>("--month") { Description = "the contribution month, YYYY-MM", Required = true };
        var command = new Command("assess", "Assess a month: every employer's contributions and relief from the registry, stored as a new version.") { month };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryMonth(result.GetValue(month), out var m))
            {
                return 2;
            }

            return await AssessAsync(services, m, cancellationToken);
        });

        var diffMonth = new Option<string>("--month") { Description = "the contribution month, YYYY-MM", Required = true };
        var from = new Option<int>("--from") { Description = "the earlier version", Required = true };
        var to = new Option<int>("--to") { Description = "the later version", Required = true };
        var diff = new Command("diff", "Compare two versions of a month: totals per insurance, changed parameters, employers whose bill changed.") { diffMonth, from, to };
        diff.SetAction(async (result, cancellationToken) =>
        {
            if (!TryMonth(result.GetValue(diffMonth), out var m))
            {
                return 2;
            }

            return await DiffAsync(services, m, result.GetValue(from), result.GetValue(to), cancellationToken);
        });
        command.Subcommands.Add(diff);

        var pruneMonth = new Option<string?>("--month") { Description = "only this month, YYYY-MM (default: every month)" };
        var keep = new Option<int>("--keep") { Description = "superseded versions to keep per month, newest first (for diffs)", DefaultValueFactory = _ => 1 };
        var prune = new Command("prune", "Delete the employer rows of superseded versions; their totals and parameters stay.") { pruneMonth, keep };
        prune.SetAction(async (result, cancellationToken) =>
        {
            YearMonth? only = null;
            if (result.GetValue(pruneMonth) is { } written)
            {
                if (!TryMonth(written, out var m))
                {
                    return 2;
                }

                only = m;
            }

            if (result.GetValue(keep) < 0)
            {
                await Console.Error.WriteLineAsync("--keep is a number of versions, 0 or more.");
                return 2;
            }

            return await PruneAsync(services, only, result.GetValue(keep), Console.Out, cancellationToken);
        });
        command.Subcommands.Add(prune);
        return command;
    }

    private static bool TryMonth(string? written, out YearMonth month)
    {
        if (YearMonth.TryParse(written, CultureInfo.InvariantCulture, out month))
        {
            return true;
        }

        Console.Error.WriteLine($"'{written}' is not a month written YYYY-MM.");
        return false;
    }

    private static async Task<int> AssessAsync(IServiceProvider services, YearMonth month, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var pending = await Wenjiu.Platform.Database.DatabaseMigrator.PendingAsync(scope.ServiceProvider, cancellationToken);
        if (pending.Count > 0)
        {
            await Console.Error.WriteLineAsync($"The database lacks {pending.Count} migration(s): run `wenjiu migrate` first.");
            return 1;
        }

        var watch = Stopwatch.StartNew();
        var outcome = await scope.ServiceProvider.GetRequiredService<MonthlyAssessment>().AssessAsync(month, $"cli:{Environment.UserName}", null, cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        if (!outcome.Completed)
        {
            await Console.Error.WriteLineAsync($"Assessment of {month} (version {outcome.Version}) failed: {outcome.Message}");
            return 1;
        }

        var queries = scope.ServiceProvider.GetRequiredService<AssessmentQueries>();
        var run = (await queries.FindAsync(outcome.RunId, cancellationToken))!;
        var output = Console.Out;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{month} version {run.Version} ({run.RuleSetName} {run.RuleSetVersion}): {run.Employers:N0} employers, {run.Insured:N0} insured in {seconds:F1} s. Run {run.Id}"));
        await output.WriteLineAsync("insurance      employer due   employer relief  employer payable  employee payable");
        foreach (var i in await queries.InsuranceTotalsAsync(run.Id, cancellationToken))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{i.Insurance.Code(),-12} {i.EmployerDue,16:N2} {i.EmployerRelief,17:N2} {i.EmployerPayable,17:N2} {i.EmployeePayable,17:N2}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"total",-12} {run.EmployerDue,16:N2} {run.EmployerRelief,17:N2} {run.EmployerPayable,17:N2} {run.EmployeePayable,17:N2}; deferred {run.Deferred:N2}"));
        return 0;
    }

    public static async Task<int> PruneAsync(IServiceProvider services, YearMonth? month, int keep, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var pruned = await scope.ServiceProvider.GetRequiredService<MonthlyAssessment>().PruneAsync(month, keep, $"cli:{Environment.UserName}", cancellationToken);
        await output.WriteLineAsync(pruned.Count == 0
            ? "Nothing to prune."
            : $"Pruned the employer rows of {pruned.Count} superseded version(s): {string.Join(", ", pruned.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Month} v{p.Version}")))}.");
        return 0;
    }

    private static async Task<int> DiffAsync(IServiceProvider services, YearMonth month, int from, int to, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var diff = await scope.ServiceProvider.GetRequiredService<AssessmentQueries>().DiffAsync(month, from, to, cancellationToken);
        if (diff is null)
        {
            await Console.Error.WriteLineAsync($"{month} has no version {from} or no version {to} with its employer rows (a pruned version keeps only its totals).");
            return 1;
        }

        var output = Console.Out;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{month}: version {from} ({diff.From.RuleSetVersion}, {diff.From.Status}) → version {to} ({diff.To.RuleSetVersion}, {diff.To.Status}); {diff.EmployersChanged:N0} employers' bills changed"));
        await output.WriteLineAsync("insurance    figure                     from                to            change");
        foreach (var (a, b) in diff.FromTotals.Zip(diff.ToTotals))
        {
            foreach (var (name, x, y) in new[]
            {
                ("employer due", a.EmployerDue, b.EmployerDue), ("employer relief", a.EmployerRelief, b.EmployerRelief),
                ("employer payable", a.EmployerPayable, b.EmployerPayable), ("employee payable", a.EmployeePayable, b.EmployeePayable),
            })
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{a.Insurance.Code(),-12} {name,-17} {x,17:N2} {y,17:N2} {y - x,17:+#,##0.00;-#,##0.00;0.00}"));
            }
        }

        await output.WriteLineAsync(diff.ParameterChanges.Count == 0 ? "No parameter changed." : "Parameters changed:");
        foreach (var p in diff.ParameterChanges)
        {
            await output.WriteLineAsync($"  {p.Name}: {p.From ?? "(none)"} → {p.To ?? "(none)"} {p.Unit}");
        }

        return 0;
    }
}
