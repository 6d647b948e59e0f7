using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// What reading one spreadsheet may cost, each a cap past which the whole file is refused (and the message names the
/// cap). A 524 KB file can hold a 512 MiB string and a 2 MB one a 1 GB shared-string table (issue 7 §4): the file's
/// size says nothing of what it inflates to, so the caps are on what is inflated and kept.
/// </summary>
internal sealed record XlsxLimits
{
    /// <summary>Parts (zip entries) in the package; a workbook has a few dozen.</summary>
    public int MaxParts { get; init; } = 10_000;

    /// <summary>One part once inflated. Excel's 1,048,576 rows of nine columns are about 600 MB of sheet XML.</summary>
    public long MaxPartBytes { get; init; } = 1L << 30;

    /// <summary>All parts read, once inflated.</summary>
    public long MaxTotalBytes { get; init; } = 2L << 30;

    /// <summary>Excel's own limit on a cell's text.</summary>
    public int MaxCellChars { get; init; } = 32_767;

    /// <summary>All the text of one row: nine columns of a few dozen characters each need a few hundred.</summary>
    public int MaxRowChars { get; init; } = 1 << 20;

    /// <summary>
    /// The shared-string table is kept in memory while the sheet is read (a cell names its string by index): a city's
    /// employment sheet has about two million distinct strings (identity numbers, names) of some 20 characters.
    /// </summary>
    public int MaxSharedStrings { get; init; } = 4_000_000;

    /// <summary>All characters of the shared-string table (64 Mi characters are 128 MB in memory).</summary>
    public long MaxSharedStringChars { get; init; } = 64L << 20;

    public static XlsxLimits Default { get; } = new();
}

/// <summary>
/// The first sheet of an <c>.xlsx</c>, read straight from the zip package with a forward-only XML reader, one cell at a
/// time and each cell's text in chunks, so that neither a large sheet nor a huge cell is ever held whole. Every part is
/// inflated through a counter (a zip entry's declared size can lie), and every cap of <see cref="XlsxLimits"/> refuses
/// the file as soon as it is passed. Only the shared-string table is kept, capped, since a sheet cannot be read
/// without it.
/// </summary>
internal static class XlsxRows
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Excel's last column is XFD.</summary>
    private const int MaxColumns = 16_384;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    public static IEnumerable<SourceRow> Read(string filePath, IReadOnlyList<string> columns) => Read(filePath, columns, XlsxLimits.Default);

    public static IEnumerable<SourceRow> Read(string filePath, IReadOnlyList<string> columns, XlsxLimits limits)
    {
        using var package = new Package(filePath, limits);
        var (sheetPath, sharedStringsPath) = package.FirstSheet();
        var sharedStrings = sharedStringsPath is null ? [] : package.SharedStrings(sharedStringsPath);
        int[]? positions = null;
        using var reader = package.Xml(sheetPath);
        var row = new RowReader(limits, sharedStrings);
        while (row.Next(reader))
        {
            if (row.IsEmpty)
            {
                continue; // an empty row is no row
            }

            if (positions is null)
            {
                positions = InterchangeReader.HeaderPositions(row.Header(), columns);
                row.KeepOnly(positions);
                continue;
            }

            yield return new SourceRow(row.Number, row.Values(positions));
        }

        if (positions is null)
        {
            throw new ImportRefusedException(ImportMessages.Of("sheet_empty"));
        }
    }

    private static ImportRefusedException NotASpreadsheet() => new(ImportMessages.Of("not_workbook"));

    private static int MiB(long bytes) => (int)Math.Ceiling(bytes / (1024.0 * 1024.0));

    /// <summary>The zip package, its parts opened through the byte counters.</summary>
    private sealed class Package : IDisposable
    {
        private readonly ZipArchive archive;
        private readonly XlsxLimits limits;
        private long totalRead;

        public Package(string filePath, XlsxLimits limits)
        {
            this.limits = limits;
            try
            {
                archive = ZipFile.OpenRead(filePath);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
            {
                throw NotASpreadsheet();
            }

            try
            {
                // The declared sizes are checked first, so that an honest bomb is refused before anything is inflated.
                if (archive.Entries.Count > limits.MaxParts)
                {
                    throw new ImportRefusedException(ImportMessages.Of("too_many_parts", limits.MaxParts));
                }

                long declared = 0;
                foreach (var entry in archive.Entries)
                {
                    if (entry.Length > limits.MaxPartBytes)
                    {
                        throw PartTooLarge(entry.FullName);
                    }

                    declared += entry.Length;
                }

                if (declared > limits.MaxTotalBytes)
                {
                    throw new ImportRefusedException(ImportMessages.Of("workbook_too_large", MiB(limits.MaxTotalBytes)));
                }
            }
            catch
            {
                archive.Dispose();
                throw;
            }
        }

        public void Dispose() => archive.Dispose();

        public ImportRefusedException PartTooLarge(string part) => new(ImportMessages.Of("part_too_large", part, MiB(limits.MaxPartBytes)));

        public GuardedXmlReader Xml(string path)
        {
            var entry = archive.GetEntry(path) ?? throw NotASpreadsheet();
            Stream stream;
            try
            {
                stream = entry.Open();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
            {
                throw NotASpreadsheet();
            }

            return new GuardedXmlReader(XmlReader.Create(new CountingStream(stream, this, entry.FullName), XmlSettings));
        }

        /// <summary>Counts every inflated byte, whatever the entry declared.</summary>
        public void Count(string part, long partRead, int more)
        {
            totalRead += more;
            if (partRead > limits.MaxPartBytes)
            {
                throw PartTooLarge(part);
            }

            if (totalRead > limits.MaxTotalBytes)
            {
                throw new ImportRefusedException(ImportMessages.Of("workbook_too_large", MiB(limits.MaxTotalBytes)));
            }
        }

        /// <summary>The first sheet's part and the shared-string part, through the package's and the workbook's relationships.</summary>
        public (string Sheet, string? SharedStrings) FirstSheet()
        {
            var workbookPath = Relationships("_rels/.rels", "")
                .FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target ?? throw NotASpreadsheet();
            var folder = workbookPath.Contains('/', StringComparison.Ordinal) ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
            var relationshipsPath = folder + "_rels/" + workbookPath[folder.Length..] + ".rels";
            var relationships = Relationships(relationshipsPath, folder);
            string? firstSheetId = null;
            using (var reader = Xml(workbookPath))
            {
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == MainNamespace)
                    {
                        firstSheetId = reader.GetAttribute("id", RelationshipNamespace);
                        break;
                    }
                }
            }

            if (firstSheetId is null)
            {
                throw new ImportRefusedException(ImportMessages.Of("no_sheet"));
            }

            var sheet = relationships.FirstOrDefault(r => r.Id == firstSheetId).Target ?? throw NotASpreadsheet();
            var shared = relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
            return (sheet, shared);
        }

        private List<(string Id, string Type, string Target)> Relationships(string path, string folder)
        {
            var found = new List<(string, string, string)>();
            if (archive.GetEntry(path) is null)
            {
                return found;
            }

            using var reader = Xml(path);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.NamespaceURI == PackageRelationshipNamespace
                    && reader.GetAttribute("TargetMode") != "External")
                {
                    var target = reader.GetAttribute("Target") ?? "";
                    found.Add((reader.GetAttribute("Id") ?? "", reader.GetAttribute("Type") ?? "", Resolve(folder, target)));
                }
            }

            return found;
        }

        /// <summary>A relationship's target, relative to the source part's folder unless it starts at the package root.</summary>
        private static string Resolve(string folder, string target)
        {
            var parts = new List<string>();
            foreach (var segment in (target.StartsWith('/') ? target[1..] : folder + target).Split('/'))
            {
                if (segment == "..")
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                }
                else if (segment is not ("" or "."))
                {
                    parts.Add(Uri.UnescapeDataString(segment));
                }
            }

            return string.Join('/', parts);
        }

        /// <summary>The shared-string table, refused past its caps; each item's text read in chunks and capped like a cell.</summary>
        public List<string> SharedStrings(string path)
        {
            var strings = new List<string>();
            long chars = 0;
            var text = new StringBuilder();
            var buffer = new char[4096];
            using var reader = Xml(path);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "si" || reader.NamespaceURI != MainNamespace || reader.IsEmptyElement)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si" && reader.IsEmptyElement)
                    {
                        strings.Add("");
                    }

                    continue;
                }

                text.Clear();
                ReadText(reader, text, buffer, limits.MaxCellChars, () => throw SharedStringsTooLarge());
                chars += text.Length;
                if (strings.Count >= limits.MaxSharedStrings || chars > limits.MaxSharedStringChars)
                {
                    throw SharedStringsTooLarge();
                }

                strings.Add(text.ToString());
            }

            return strings;
        }

        private ImportRefusedException SharedStringsTooLarge() =>
            new(ImportMessages.Of("shared_strings_too_large", limits.MaxSharedStrings, limits.MaxSharedStringChars));
    }

    /// <summary>
    /// Appends the text of the element the reader is on (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>): its <c>&lt;t&gt;</c>
    /// runs, not the phonetic guides (<c>&lt;rPh&gt;</c>), read in chunks so that a huge run stops at the cap.
    /// </summary>
    internal static void ReadText(XmlReader reader, StringBuilder text, char[] buffer, int maxChars, Action overCap)
    {
        var depth = reader.Depth;
        var phonetic = -1;
        var inText = false;
        while (reader.Read() && reader.Depth > depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.NamespaceURI == MainNamespace:
                    if (reader.LocalName == "rPh" && !reader.IsEmptyElement && phonetic < 0)
                    {
                        phonetic = reader.Depth;
                    }

                    inText = reader.LocalName == "t" && !reader.IsEmptyElement && phonetic < 0;
                    break;
                case XmlNodeType.EndElement:
                    if (reader.Depth == phonetic)
                    {
                        phonetic = -1;
                    }

                    inText = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA when inText:
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        if (text.Length + read > maxChars)
                        {
                            overCap();
                        }

                        text.Append(buffer, 0, read);
                    }

                    break;
            }
        }
    }

    /// <summary>Reads the sheet's rows one by one, each cell's text chunked and capped, keeping only the columns asked for.</summary>
    private sealed class RowReader(XlsxLimits limits, List<string> sharedStrings)
    {
        private readonly Dictionary<int, string> cells = [];
        private readonly StringBuilder text = new();
        private readonly char[] buffer = new char[4096];
        private HashSet<int>? wanted;
        private long rowChars;

        public long Number { get; private set; }

        public bool IsEmpty => cells.Count == 0 || cells.Values.All(string.IsNullOrWhiteSpace);

        public void KeepOnly(int[] positions) => wanted = [.. positions];

        public bool Next(XmlReader reader)
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "row" && reader.NamespaceURI == MainNamespace)
                {
                    cells.Clear();
                    rowChars = 0;
                    Number = long.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : Number + 1;
                    if (!reader.IsEmptyElement)
                    {
                        ReadCells(reader);
                    }

                    return true;
                }
            }

            return false;
        }

        public string[] Header()
        {
            var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
            return Enumerable.Range(0, width).Select(i => cells.TryGetValue(i, out var v) ? v.Trim() : "").ToArray();
        }

        public string[] Values(int[] positions)
        {
            var values = new string[positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                values[i] = cells.TryGetValue(positions[i], out var v) ? v : "";
            }

            return values;
        }

        private void ReadCells(XmlReader reader)
        {
            var depth = reader.Depth;
            var next = 0;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c" || reader.NamespaceURI != MainNamespace)
                {
                    continue;
                }

                var column = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : next;
                if (column is < 0 or >= MaxColumns)
                {
                    throw NotASpreadsheet();
                }

                next = column + 1;
                var type = reader.GetAttribute("t");
                var keep = wanted is null || wanted.Contains(column);
                var value = reader.IsEmptyElement ? "" : Cell(reader, type, keep);
                if (keep)
                {
                    cells[column] = value;
                }
            }
        }

        /// <summary>One cell's text: shared and inline strings resolved, numbers written back as the decimal Excel showed.</summary>
        private string Cell(XmlReader reader, string? type, bool keep)
        {
            var depth = reader.Depth;
            string? raw = null;
            string? inline = null;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNamespace || reader.IsEmptyElement)
                {
                    continue;
                }

                if (reader.LocalName == "v")
                {
                    text.Clear();
                    ReadChunks(reader);
                    raw = text.ToString();
                }
                else if (reader.LocalName == "is")
                {
                    text.Clear();
                    ReadText(reader, text, buffer, limits.MaxCellChars, () => throw CellTooLong());
                    inline = text.ToString();
                }

                // Anything else (a formula's text) is passed over unread: the reader skips a text it is not asked for.
            }

            var value = !keep ? "" : type switch
            {
                "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count ? sharedStrings[index] : "",
                "inlineStr" => inline ?? "",
                null or "n" => NumberText(raw),
                _ => raw ?? "",
            };
            rowChars += value.Length;
            if (rowChars > limits.MaxRowChars)
            {
                throw CellTooLong();
            }

            return value;
        }

        /// <summary>Excel keeps numbers as binary doubles written out in full ("7200.1000000000004"); 15 significant
        /// digits are what Excel itself shows, so that is the value the person typed.</summary>
        private static string NumberText(string? raw) =>
            raw is not null && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 1e27
                ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
                : raw ?? "";

        private void ReadChunks(XmlReader reader)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        if (text.Length + read > limits.MaxCellChars)
                        {
                            throw CellTooLong();
                        }

                        text.Append(buffer, 0, read);
                    }
                }
            }
        }

        private ImportRefusedException CellTooLong() => new(ImportMessages.Of("cell_too_long", Number, limits.MaxCellChars));
    }

    /// <summary>"AB12" → 27; -1 for a reference without letters or past Excel's columns.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > MaxColumns)
            {
                return -1;
            }
        }

        return index - 1;
    }

    /// <summary>Turns the XML reader's own errors (a truncated or malformed part) into the refusal of a file that is not a workbook.</summary>
    private sealed class GuardedXmlReader(XmlReader inner) : XmlReader
    {
        public override int AttributeCount => inner.AttributeCount;
        public override string BaseURI => inner.BaseURI;
        public override int Depth => inner.Depth;
        public override bool EOF => inner.EOF;
        public override bool IsEmptyElement => inner.IsEmptyElement;
        public override string LocalName => inner.LocalName;
        public override string NamespaceURI => inner.NamespaceURI;
        public override XmlNameTable NameTable => inner.NameTable;
        public override XmlNodeType NodeType => inner.NodeType;
        public override string Prefix => inner.Prefix;
        public override ReadState ReadState => inner.ReadState;
        public override string Value => inner.Value;
        public override bool CanReadValueChunk => true;

        public override string GetAttribute(int i) => inner.GetAttribute(i);
        public override string? GetAttribute(string name) => inner.GetAttribute(name);
        public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);
        public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);
        public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);
        public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);
        public override bool MoveToElement() => inner.MoveToElement();
        public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();
        public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();
        public override bool ReadAttributeValue() => inner.ReadAttributeValue();
        public override void ResolveEntity() => inner.ResolveEntity();

        public override bool Read() => Guard(inner.Read);

        public override int ReadValueChunk(char[] buffer, int index, int count) => Guard(() => inner.ReadValueChunk(buffer, index, count));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private static T Guard<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
            {
                throw NotASpreadsheet();
            }
        }
    }

    /// <summary>Counts the bytes inflated from one part and stops the read at a cap.</summary>
    private sealed class CountingStream(Stream inner, Package package, string part) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int bytes)
        {
            read += bytes;
            package.Count(part, read, bytes);
            return bytes;
        }
    }
}
