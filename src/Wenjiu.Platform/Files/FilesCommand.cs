using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;

namespace Wenjiu.Platform.Files;

/// <summary>
/// <c>files purge</c>: removes every stored file past its kind's retention (content and row, each audited). There is no
/// other way to remove a stored file; an operator schedules this (cron, or a job) as the retention rules require.
/// </summary>
internal static class FilesCommand
{
    public static Command Create(IServiceProvider services)
    {
        var purge = new Command("purge", "Remove the stored files past their retention (each removal is audited).");
        purge.SetAction(async (_, cancellationToken) => await PurgeAsync(services, Console.Out, Console.Error, cancellationToken));
        return new Command("files", "Stored files and evidence.") { purge };
    }

    public static async Task<int> PurgeAsync(IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        await using var scope = services.CreateAsyncScope();
        var pending = await DatabaseMigrator.PendingAsync(scope.ServiceProvider, cancellationToken);
        if (pending.Count > 0)
        {
            await errors.WriteLineAsync($"The database is not up to date ({pending.Count} migrations pending): run `wenjiu migrate` first.");
            return 1;
        }

        var purged = await scope.ServiceProvider.GetRequiredService<IFileStore>().PurgeAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Removed {purged.FilesRemoved} stored files past their retention ({purged.BytesRemoved} bytes)."));
        return 0;
    }
}
