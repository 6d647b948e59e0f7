using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using Microsoft.Extensions.Localization;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// <c>import employers|employment|contributions FILE [--report PATH]</c>: imports an interchange file, writes its error report as CSV
/// (<c>line,column,value,reason</c>; by default beside the file as <c>FILE.errors.csv</c>) and exits 0 when every row was
/// imported, 2 when some rows were rejected, 1 when the file was refused whole (or the import failed). The report and
/// the messages are in Chinese unless <c>--lang en</c>.
/// </summary>
internal static class ImportCommand
{
    public const int AllImported = 0;
    public const int Refused = 1;
    public const int SomeRejected = 2;

    public static Command Create(IServiceProvider services)
    {
        var kind = new Argument<string>("kind") { Description = "employers, employment or contributions" };
        kind.AcceptOnlyFromAmong("employers", "employment", "contributions");
        var file = new Argument<FileInfo>("file") { Description = "the CSV (UTF-8) or .xlsx file" };
        var report = new Option<FileInfo?>("--report") { Description = "where to write the error report (default: FILE.errors.csv)" };
        var language = Wenjiu.Platform.CommandLine.ReportLanguage.Option();
        var command = new Command("import", "Import an employers, employment or contributions file from the social insurance system. Its columns, rules and error report: docs/interchange.md.") { kind, file, report, language };
        command.SetAction(async (result, cancellationToken) => await RunAsync(
            services,
            result.GetValue(kind) switch
            {
                "employers" => ImportKind.Employers,
                "employment" => ImportKind.Employment,
                _ => ImportKind.Contributions,
            },
            result.GetValue(file)!,
            result.GetValue(report),
            result.GetValue(language),
            cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(IServiceProvider services, ImportKind kind, FileInfo file, FileInfo? report, CancellationToken cancellationToken) =>
        RunAsync(services, kind, file, report, language: null, cancellationToken);

    /// <param name="language"><c>zh-CN</c> (the default) or <c>en</c>: the report's and the messages' language.</param>
    public static async Task<int> RunAsync(IServiceProvider services, ImportKind kind, FileInfo file, FileInfo? report, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(file);
        using var culture = Wenjiu.Platform.CommandLine.ReportLanguage.Use(language);
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"{file.FullName}: no such file.");
            return Refused;
        }

        await using var scope = services.CreateAsyncScope();
        var pending = await Wenjiu.Platform.Database.DatabaseMigrator.PendingAsync(scope.ServiceProvider, cancellationToken);
        if (pending.Count > 0)
        {
            await Console.Error.WriteLineAsync($"The database lacks {pending.Count} migration(s): run `wenjiu migrate` first.");
            return Refused;
        }

        var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
        var outcome = await importer.ImportAsync(kind, file.FullName, file.Name, $"cli:{Environment.UserName}", cancellationToken);
        var reportPath = report?.FullName ?? file.FullName + ".errors.csv";
        var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<RegistryText>>();
        if (outcome.Status == ImportStatus.Completed)
        {
            await ImportReport.WriteCsvAsync(scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), outcome.RunId, reportPath, text, cancellationToken);
        }
        else
        {
            // The report of a refused file says why in its one line, so that a script reading reports sees it too.
            await using var refusal = new FileStream(reportPath, FileMode.Create, FileAccess.Write);
            await ImportReport.WriteRefusalCsvAsync(refusal, outcome.Message ?? outcome.Status.ToString(), text);
        }

        if (outcome.Status != ImportStatus.Completed)
        {
            await Console.Error.WriteLineAsync($"{file.Name}: {outcome.Status}. {ImportMessages.Render(text, outcome.Message)}");
            return Refused;
        }

        await Console.Out.WriteLineAsync(
            $"{file.Name}: {outcome.RowsRead:N0} rows read, {outcome.RowsImported:N0} imported, {outcome.RowsRejected:N0} rejected. Error report: {reportPath}");
        return outcome.RowsRejected == 0 ? AllImported : SomeRejected;
    }
}
