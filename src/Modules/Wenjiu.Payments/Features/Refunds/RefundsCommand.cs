using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>
/// <c>refunds assess --year 2019</c>: every registered employer's stable-job refund, stored (the year's rows replaced),
/// and the eligible list sent to review; <c>refunds export --year 2019 --out FILE.csv</c>: the stored results as the
/// eligibility list. Exit 0 done, 1 failed, 2 bad argument.
/// </summary>
internal static class RefundsCommand
{
    public static Command Create(IServiceProvider services)
    {
        var year = new Option<int>("--year") { Description = "the contribution year, e.g. 2019", Required = true };
        var noReview = new Option<bool>("--no-review") { Description = "store the results without sending the eligible list to review" };
        var assess = new Command("assess", "Compute every employer's refund for the year from the registry and store it; send the eligible list to review.") { year, noReview };
        assess.SetAction(async (result, cancellationToken) =>
            CheckYear(result.GetValue(year)) ? await AssessAsync(services, result.GetValue(year), !result.GetValue(noReview), Console.Out, cancellationToken) : 2);

        var exportYear = new Option<int>("--year") { Description = "the contribution year, e.g. 2019", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "the CSV file to write", Required = true };
        var export = new Command("export", "Write the year's stored results: uscc,eligible,reason,layoff_rate,insured_2018,insured_2019,unemployment_paid_2019,refund.") { exportYear, output };
        export.SetAction(async (result, cancellationToken) =>
            CheckYear(result.GetValue(exportYear)) ? await ExportAsync(services, result.GetValue(exportYear), result.GetValue(output)!, Console.Out, cancellationToken) : 2);
        return new Command("refunds", "Unemployment-insurance stable-job refunds: the yearly batch and its eligibility list.") { assess, export };
    }

    private static bool CheckYear(int year)
    {
        if (RefundParameters.Covers(year))
        {
            return true;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"There are no refund rules for {year} (Rules/parameters/refunds.yaml)."));
        return false;
    }

    internal static async Task<int> AssessAsync(IServiceProvider services, int year, bool review, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (await PendingAsync(scope.ServiceProvider, cancellationToken))
        {
            return 1;
        }

        var by = $"cli:{Environment.UserName}";
        var watch = Stopwatch.StartNew();
        var run = await scope.ServiceProvider.GetRequiredService<RefundBatch>().AssessAsync(year, by, null, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Refunds {year} (rules {run.RulesVersion}): {run.Employers:N0} employers, {run.Eligible:N0} eligible, {run.Refund:N2} yuan in {watch.Elapsed.TotalSeconds:F1} s. Run {run.Id}."));
        foreach (var c in await scope.ServiceProvider.GetRequiredService<RefundResults>().CountsAsync(year, cancellationToken))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {c.Reason ?? "eligible",-22} {c.Employers,9:N0}"));
        }

        if (review)
        {
            var sent = await scope.ServiceProvider.GetRequiredService<RefundReviews>().SendAsync(year, by, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sent:N0} eligible employers sent to review (group {RefundReviews.Group})."));
        }

        return 0;
    }

    internal static async Task<int> ExportAsync(IServiceProvider services, int year, FileInfo file, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (await PendingAsync(scope.ServiceProvider, cancellationToken))
        {
            return 1;
        }

        var results = scope.ServiceProvider.GetRequiredService<RefundResults>();
        if (await results.LatestRunAsync(year, cancellationToken) is null)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"The refunds of {year} have not been assessed: run `wenjiu refunds assess --year {year}` first."));
            return 1;
        }

        await using var stream = file.Create();
        var rows = await results.ExportAsync(year, stream, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} employers written to {file.FullName}."));
        return 0;
    }

    private static async Task<bool> PendingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var pending = await DatabaseMigrator.PendingAsync(services, cancellationToken);
        if (pending.Count > 0)
        {
            await Console.Error.WriteLineAsync($"The database lacks {pending.Count} migration(s): run `wenjiu migrate` first.");
            return true;
        }

        return false;
    }
}
