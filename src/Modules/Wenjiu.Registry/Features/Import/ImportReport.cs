using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Registry.Data;

namespace Wenjiu.Registry.Features.Import;

/// <summary>An import's error report as CSV (<c>line,column,value,reason</c>, RFC 4180), streamed from the stored rejections in line order.</summary>
public static class ImportReport
{
    public const string Header = "line,column,value,reason";

    public static async Task WriteCsvAsync(RegistryDbContext db, Guid runId, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteAsync(Header + "\r\n");
        var rejections = db.ImportRejections.AsNoTracking()
            .Where(r => r.ImportRunId == runId)
            .OrderBy(r => r.Line).ThenBy(r => r.Id)
            .AsAsyncEnumerable();
        await foreach (var rejection in rejections.WithCancellation(cancellationToken))
        {
            await output.WriteAsync(string.Join(',', rejection.Line.ToString(CultureInfo.InvariantCulture), Field(rejection.Column), Field(rejection.Value), Field(rejection.Reason)) + "\r\n");
        }

        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the report to a file, UTF-8 with a BOM so that Excel shows the Chinese names right.</summary>
    public static async Task WriteCsvAsync(RegistryDbContext db, Guid runId, string path, CancellationToken cancellationToken = default)
    {
        await using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await WriteCsvAsync(db, runId, file, cancellationToken);
    }

    /// <summary>One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
