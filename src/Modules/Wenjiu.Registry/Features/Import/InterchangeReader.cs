using System.Text;
using nietras.SeparatedValues;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// Reads an interchange file row by row, whatever its size: CSV (UTF-8, BOM accepted, RFC 4180) or the first sheet of
/// an <c>.xlsx</c>. Columns may come in any order and unknown ones are ignored; a missing required column, bytes that
/// are not UTF-8 or a spreadsheet that is not one refuse the whole file (<see cref="ImportRefusedException"/>), even
/// when found after many rows, so the caller stages rows and only merges once the end is reached.
/// </summary>
internal static class InterchangeReader
{
    public static bool IsSpreadsheet(string originalName) =>
        originalName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<SourceRow> Read(string filePath, string originalName, IReadOnlyList<string> columns) =>
        IsSpreadsheet(originalName) ? XlsxRows.Read(filePath, columns) : ReadCsv(filePath, columns);

    private static IEnumerable<SourceRow> ReadCsv(string filePath, IReadOnlyList<string> columns)
    {
        using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (stream.Length == 0)
        {
            throw new ImportRefusedException(ImportMessages.Of("file_empty"));
        }

        // Strict UTF-8: an invalid byte throws instead of becoming U+FFFD, so a file in GBK or UTF-16 is refused
        // rather than imported with mangled names. The UTF-8 preamble lets the reader skip a BOM.
        using var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        using var reader = Open(text);
        using var rows = reader.GetEnumerator();
        int[] positions;
        int headerCount;
        if (!MoveNext(rows, 1))
        {
            throw new ImportRefusedException(ImportMessages.Of("file_empty"));
        }

        {
            var header = rows.Current;
            headerCount = header.ColCount;
            var names = new string[headerCount];
            for (var i = 0; i < headerCount; i++)
            {
                names[i] = header[i].ToString().Trim().TrimStart('\uFEFF');
            }

            positions = HeaderPositions(names, columns);
        }

        while (MoveNext(rows, rows.Current.LineNumberToExcl))
        {
            var row = rows.Current;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                continue; // a blank line is no row
            }

            var values = new string[columns.Count];
            if (row.ColCount != headerCount)
            {
                yield return new SourceRow(row.LineNumberFrom, values, ImportMessages.Of("field_count", row.ColCount, headerCount), Shorten(row.Span));
                continue;
            }

            for (var i = 0; i < positions.Length; i++)
            {
                values[i] = row[positions[i]].ToString();
            }

            yield return new SourceRow(row.LineNumberFrom, values);
        }
    }

    private static SepReader Open(TextReader text)
    {
        try
        {
            return Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(1);
        }
    }

    private static bool MoveNext(SepReader rows, int line)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(line);
        }
    }

    private static ImportRefusedException NotUtf8(int line) =>
        new(ImportMessages.Of("not_utf8", line));

    /// <summary>Where each contract column sits in the file's header; refuses the file if one is missing or named twice.</summary>
    internal static int[] HeaderPositions(IReadOnlyList<string> names, IReadOnlyList<string> columns)
    {
        var positions = new int[columns.Count];
        var missing = new List<string>();
        for (var c = 0; c < columns.Count; c++)
        {
            var found = -1;
            for (var i = 0; i < names.Count; i++)
            {
                if (!string.Equals(names[i], columns[c], StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (found >= 0)
                {
                    throw new ImportRefusedException(ImportMessages.Of("column_twice", columns[c]));
                }

                found = i;
            }

            if (found < 0)
            {
                missing.Add(columns[c]);
            }

            positions[c] = found;
        }

        return missing.Count == 0
            ? positions
            : throw new ImportRefusedException(ImportMessages.Of(
                "columns_missing", string.Join(", ", missing), string.Join(", ", columns), Shorten(string.Join(",", names).Replace(ImportMessages.Separator, ' '))));
    }

    internal static string Shorten(ReadOnlySpan<char> value) => value.Length <= 200 ? value.ToString() : string.Concat(value[..197], "...");
}
