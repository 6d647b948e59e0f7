using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;

namespace Wenjiu.Payments.Features.Payouts;

/// <summary>
/// <c>payouts export --out FILE.csv</c>: every approved payment not yet exported, as the next numbered bank file (nothing
/// new: exit 0 and says so); <c>--batch N</c> writes batch N again, byte for byte. Exit 0 done, 1 failed, 2 bad argument.
/// </summary>
internal static class PayoutsCommand
{
    public static Command Create(IServiceProvider services)
    {
        var output = new Option<FileInfo>("--out") { Description = "the bank file to write (CSV)", Required = true };
        var batch = new Option<int?>("--batch") { Description = "write this earlier batch again instead of a new one" };
        var export = new Command("export", "Write the bank file of every approved payment not yet exported, as one numbered batch, and mark them.") { output, batch };
        export.SetAction(async (result, cancellationToken) =>
        {
            var number = result.GetValue(batch);
            if (number is < 1)
            {
                await Console.Error.WriteLineAsync("--batch is a batch number, 1 or more.");
                return 2;
            }

            return await ExportAsync(services, result.GetValue(output)!, number, Console.Out, cancellationToken);
        });
        return new Command("payouts", "Payments to employers and agencies: the bank file.") { export };
    }

    internal static async Task<int> ExportAsync(IServiceProvider services, FileInfo file, int? number, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var pending = await DatabaseMigrator.PendingAsync(scope.ServiceProvider, cancellationToken);
        if (pending.Count > 0)
        {
            await Console.Error.WriteLineAsync($"The database lacks {pending.Count} migration(s): run `wenjiu migrate` first.");
            return 1;
        }

        var export = scope.ServiceProvider.GetRequiredService<PayoutExport>();
        var by = $"cli:{Environment.UserName}";
        if (number is { } n)
        {
            var earlier = await export.FindAsync(n, by, cancellationToken);
            if (earlier is null)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"There is no batch {n}."));
                return 1;
            }

            await File.WriteAllBytesAsync(file.FullName, earlier.Content, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Batch {n} written again to {file.FullName}: {earlier.Payments} payments, {earlier.Total:0.00} yuan, sha256 {earlier.Sha256}."));
            return 0;
        }

        var result = await export.ExportAsync(by, null, cancellationToken);
        if (result.Batch is not { } written)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Nothing new to export: every approved payment is in a batch already ({result.WaitingForAccount} wait for a bank account). No file written."));
            return 0;
        }

        await File.WriteAllBytesAsync(file.FullName, written.Content, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Batch {written.Number} written to {file.FullName}: {written.Payments} payments, {written.Total:0.00} yuan, sha256 {written.Sha256}."));
        if (result.WaitingForAccount > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.WaitingForAccount} approved payment(s) wait for a bank account and are not in it."));
        }

        return 0;
    }
}
