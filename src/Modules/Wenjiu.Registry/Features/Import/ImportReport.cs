using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Exports;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// An import's error report as CSV, in the reader's language: the line (the header is line 1), the column's code and its
/// name, the value as given (an identity number masked, a person's name masked: the registry keeps neither in clear),
/// and the reason. UTF-8 with a BOM, RFC 4180, every text field neutralised against formula injection
/// (<see cref="SpreadsheetText"/>). Streamed from the stored rejections in line order, so a report of a million
/// rejections never sits in memory. The API and the command line both write it here.
/// </summary>
internal static class ImportReport
{
    public static IReadOnlyList<string> Header(IStringLocalizer<RegistryText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [text["Import.Csv.Line"], text["Import.Csv.Column"], text["Import.Csv.ColumnName"], text["Import.Csv.Value"], text["Import.Csv.Reason"]];
    }

    /// <summary>A column's name in the reader's language beside its code (empty for a line that could not be split).</summary>
    public static string ColumnName(IStringLocalizer<RegistryText> text, string column)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(column))
        {
            return "";
        }

        var name = text[$"Import.ColumnName.{column}"];
        return name.ResourceNotFound ? column : name.Value;
    }

    public static async Task WriteCsvAsync(RegistryDbContext db, Guid runId, Stream output, IStringLocalizer<RegistryText> text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        await using var csv = new CsvWriter(output);
        await csv.LineAsync(Header(text));
        var rejections = db.ImportRejections.AsNoTracking()
            .Where(r => r.ImportRunId == runId)
            .OrderBy(r => r.Line).ThenBy(r => r.Id)
            .AsAsyncEnumerable();
        await foreach (var rejection in rejections.WithCancellation(cancellationToken))
        {
            csv.Number(rejection.Line).Text(rejection.Column).Text(ColumnName(text, rejection.Column)).Text(rejection.Value).Text(ImportMessages.Render(text, rejection.Reason));
            await csv.EndLineAsync();
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>The report of a file refused whole: the header and one line saying why, so that a script reading reports sees it too.</summary>
    public static async Task WriteRefusalCsvAsync(Stream output, string message, IStringLocalizer<RegistryText> text)
    {
        await using var csv = new CsvWriter(output);
        await csv.LineAsync(Header(text));
        csv.Text("").Text("").Text("").Text("").Text(ImportMessages.Render(text, message));
        await csv.EndLineAsync();
    }

    public static async Task WriteCsvAsync(RegistryDbContext db, Guid runId, string path, IStringLocalizer<RegistryText> text, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        await WriteCsvAsync(db, runId, file, text, cancellationToken);
    }
}
