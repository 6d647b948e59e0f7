using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Wenjiu.Platform.Periods;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wenjiu.Platform.Rules;

/// <summary>One value of a parameter as a file (or a scenario) writes it, before it is checked.</summary>
public sealed record WrittenValue(string? From, string? To, string? Value);

/// <summary>
/// Reads dated parameter files (YAML) into a <see cref="ParameterSet"/>. A file holds a map <c>parameters</c> of
/// name → { description, unit, official [ { issuer, title, number, date, clause } ], source { document, url },
/// confidence { level, note }, values [ { from, to, value } ] }. <c>official</c> is what an enterprise is shown: the
/// documents that set the values (issuing body, title, document number when it has one, date issued, optional clause);
/// <c>source</c> and <c>confidence</c> are staff's research notes. Everything is checked on load and refused with the
/// file and parameter named: unknown keys and units, a parameter without an official document (or one without its
/// issuer, title or date), values that do not fit the unit, a value series with a gap or an overlap, a parameter defined twice. Numbers are read with the
/// invariant culture into <see cref="decimal"/>, never through a binary floating point.
/// </summary>
public static class ParameterFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Every <c>*.yaml</c> resource of <paramref name="assembly"/> whose name starts with <paramref name="resourcePrefix"/>.</summary>
    public static ParameterSet LoadEmbedded(string ruleSet, Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var files = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files.Add((resource[resourcePrefix.Length..], reader.ReadToEnd()));
        }

        return files.Count > 0 ? Load(ruleSet, files) : throw new ParameterFileException(resourcePrefix, null, $"no parameter files are embedded in {assembly.GetName().Name}");
    }

    /// <summary>Parses and checks the files (name, text); the version is a hash of their names and contents.</summary>
    public static ParameterSet Load(string ruleSet, IEnumerable<(string File, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ordered = files.OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        var parameters = new Dictionary<string, (string File, Parameter Parameter)>(StringComparer.Ordinal);
        foreach (var (file, text) in ordered)
        {
            foreach (var parameter in Parse(file, text))
            {
                if (parameters.TryGetValue(parameter.Name, out var earlier))
                {
                    throw new ParameterFileException(file, parameter.Name, $"is already defined in {earlier.File}");
                }

                parameters[parameter.Name] = (file, parameter);
            }
        }

        return new ParameterSet(ruleSet, Version(ordered), parameters.Values.Select(p => p.Parameter));
    }

    /// <summary>A short content hash: any change to any file (a value, a source, a comment) gives a new version.</summary>
    public static string Version(IEnumerable<(string File, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var all = new StringBuilder();
        foreach (var (file, text) in files.OrderBy(f => f.File, StringComparer.Ordinal))
        {
            all.Append(file).Append('\n').Append(text.ReplaceLineEndings("\n")).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())))[..12];
    }

    /// <summary>Checks one parameter's value series (also used for a scenario's overrides).</summary>
    public static IReadOnlyList<DatedValue> Values(string file, string parameter, ParameterUnit unit, IReadOnlyList<WrittenValue>? written)
    {
        if (written is null || written.Count == 0)
        {
            throw new ParameterFileException(file, parameter, "has no values") { Code = "no_values" };
        }

        var values = written.Select((v, i) => Value(file, parameter, unit, v, i + 1)).OrderBy(v => v.From).ToList();
        for (var i = 1; i < values.Count; i++)
        {
            var previous = values[i - 1];
            var next = values[i];
            if (previous.To is null || next.From <= previous.To.Value)
            {
                throw new ParameterFileException(file, parameter, $"values overlap: the value from {previous.FromWritten} ({previous.Written}) is still in force when the value from {next.FromWritten} ({next.Written}) starts") { Code = "overlap", Arguments = [previous.FromWritten, next.FromWritten] };
            }

            var expected = previous.To.Value.AddDays(1);
            if (next.From != expected)
            {
                throw new ParameterFileException(file, parameter, string.Create(CultureInfo.InvariantCulture, $"gap: no value is in force from {expected:yyyy-MM-dd} to {next.From.AddDays(-1):yyyy-MM-dd} (between the value from {previous.FromWritten} and the value from {next.FromWritten})"))
                {
                    Code = "gap",
                    Arguments = [expected.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), next.From.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                };
            }
        }

        return values;
    }

    private static List<Parameter> Parse(string file, string text)
    {
        ParameterFile? content;
        try
        {
            content = Yaml.Deserialize<ParameterFile>(text);
        }
        catch (YamlException e)
        {
            var problem = e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}";
            throw new ParameterFileException(file, null, $"line {e.Start.Line}: {problem}", e);
        }

        if (content?.Parameters is null || content.Parameters.Count == 0)
        {
            throw new ParameterFileException(file, null, "has no 'parameters'");
        }

        var result = new List<Parameter>();
        foreach (var (name, p) in content.Parameters)
        {
            if (!ParameterUnits.TryParse(p.Unit, out var unit))
            {
                throw new ParameterFileException(file, name, $"unknown unit '{p.Unit}' (known: {string.Join(", ", ParameterUnits.Names)})");
            }

            if (string.IsNullOrWhiteSpace(p.Description))
            {
                throw new ParameterFileException(file, name, "has no description");
            }

            if (p.Source is null || string.IsNullOrWhiteSpace(p.Source.Document) || string.IsNullOrWhiteSpace(p.Source.Url))
            {
                throw new ParameterFileException(file, name, "needs a source with a document and a url");
            }

            ConfidenceLevel? level = p.Confidence?.Level switch { "HIGH" => ConfidenceLevel.High, "MEDIUM" => ConfidenceLevel.Medium, "LOW" => ConfidenceLevel.Low, _ => null };
            if (p.Confidence is null || level is null || string.IsNullOrWhiteSpace(p.Confidence.Note))
            {
                throw new ParameterFileException(file, name, "needs a confidence with a level (HIGH, MEDIUM or LOW) and a note");
            }

            var documents = Documents(file, name, p.Official);
            var values = Values(file, name, unit, p.Values?.Select(v => new WrittenValue(v.From, v.To, v.Value)).ToList());
            result.Add(new Parameter(name, unit, p.Description.Trim(), documents, new ParameterSource(p.Source.Document.Trim(), p.Source.Url.Trim()), new ParameterConfidence(level.Value, p.Confidence.Note.Trim()), values));
        }

        return result;
    }

    /// <summary>A parameter shown to an enterprise cites the official document that sets it: no document, no parameter.</summary>
    private static List<OfficialDocument> Documents(string file, string parameter, List<WrittenDocument>? written)
    {
        if (written is null || written.Count == 0)
        {
            throw new ParameterFileException(file, parameter, "cites no official document: add 'official' with the issuing body, title, document number and date of the document that sets its values");
        }

        var documents = new List<OfficialDocument>(written.Count);
        for (var i = 0; i < written.Count; i++)
        {
            var d = written[i];
            var where = $"official document {i + 1}";
            if (d is null || string.IsNullOrWhiteSpace(d.Issuer) || string.IsNullOrWhiteSpace(d.Title))
            {
                throw new ParameterFileException(file, parameter, $"{where} needs an issuer (the issuing body) and a title");
            }

            if (!DateOnly.TryParseExact(d.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new ParameterFileException(file, parameter, $"{where} ({d.Title.Trim()}): 'date' must be the date it was issued, YYYY-MM-DD, not '{d.Date}'");
            }

            documents.Add(new OfficialDocument(d.Issuer.Trim(), d.Title.Trim(), Blank(d.Number), date, Blank(d.Clause)));
        }

        return documents;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DatedValue Value(string file, string parameter, ParameterUnit unit, WrittenValue written, int position)
    {
        var where = $"value {position}";
        var from = Day(written.From, endOfMonth: false) ?? throw new ParameterFileException(file, parameter, $"{where}: 'from' must be a month YYYY-MM or a date YYYY-MM-DD, not '{written.From}'") { Code = "from_invalid", Arguments = [Position(position), written.From ?? ""] };
        DateOnly? to = null;
        if (written.To is not null)
        {
            to = Day(written.To, endOfMonth: true) ?? throw new ParameterFileException(file, parameter, $"{where}: 'to' must be a month YYYY-MM or a date YYYY-MM-DD, not '{written.To}'") { Code = "to_invalid", Arguments = [Position(position), written.To] };
            if (to < from)
            {
                throw new ParameterFileException(file, parameter, $"{where}: 'to' ({written.To}) is before 'from' ({written.From})") { Code = "to_before_from", Arguments = [Position(position), written.To, written.From ?? ""] };
            }
        }

        var text = written.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new ParameterFileException(file, parameter, $"{where} (from {written.From}): no value") { Code = "no_value", Arguments = [Position(position), written.From ?? ""] };
        }

        switch (unit)
        {
            case ParameterUnit.Month:
                return YearMonth.TryParse(text, out var month)
                    ? new DatedValue(from, to, written.From!, text, month.Ordinal, month)
                    : throw new ParameterFileException(file, parameter, $"{where} (from {written.From}): '{text}' is not a month YYYY-MM (unit month)") { Code = "not_month", Arguments = [Position(position), written.From ?? "", text] };
            case ParameterUnit.Boolean:
                return text switch
                {
                    "true" => new DatedValue(from, to, written.From!, text, 1, null),
                    "false" => new DatedValue(from, to, written.From!, text, 0, null),
                    _ => throw new ParameterFileException(file, parameter, $"{where} (from {written.From}): '{text}' is not true or false (unit boolean)") { Code = "not_boolean", Arguments = [Position(position), written.From ?? "", text] },
                };
            default:
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    throw new ParameterFileException(file, parameter, $"{where} (from {written.From}): '{text}' is not a number (unit {unit.Name()})") { Code = "not_number", Arguments = [Position(position), written.From ?? "", text] };
                }

                return unit.Fits(number, out var problem)
                    ? new DatedValue(from, to, written.From!, text, number, null)
                    : throw new ParameterFileException(file, parameter, $"{where} (from {written.From}): {text} does not fit unit {unit.Name()}: {problem}") { Code = $"misfit_{unit.Name()}", Arguments = [Position(position), written.From ?? "", text] };
        }
    }

    private static string Position(int position) => position.ToString(CultureInfo.InvariantCulture);

    /// <summary>A month means its first day as a start and its last day as an end.</summary>
    private static DateOnly? Day(string? written, bool endOfMonth)
    {
        if (YearMonth.TryParse(written, null, out var month))
        {
            return endOfMonth ? month.AddMonths(1).FirstDay.AddDays(-1) : month.FirstDay;
        }

        return DateOnly.TryParseExact(written?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    private sealed class ParameterFile
    {
        public Dictionary<string, WrittenParameter> Parameters { get; set; } = [];
    }

    private sealed class WrittenParameter
    {
        public string? Description { get; set; }

        public string? Unit { get; set; }

        public List<WrittenDocument>? Official { get; set; }

        public WrittenSource? Source { get; set; }

        public WrittenConfidence? Confidence { get; set; }

        public List<WrittenRow>? Values { get; set; }
    }

    private sealed class WrittenDocument
    {
        public string? Issuer { get; set; }

        public string? Title { get; set; }

        public string? Number { get; set; }

        public string? Date { get; set; }

        public string? Clause { get; set; }
    }

    private sealed class WrittenSource
    {
        public string? Document { get; set; }

        public string? Url { get; set; }
    }

    private sealed class WrittenConfidence
    {
        public string? Level { get; set; }

        public string? Note { get; set; }
    }

    private sealed class WrittenRow
    {
        public string? From { get; set; }

        public string? To { get; set; }

        public string? Value { get; set; }
    }
}
