using System.Globalization;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Platform.Rules;

/// <summary>
/// A named, dated policy parameter: a gap-free, non-overlapping series of values with one unit, a description, the
/// official documents that set it (shown to everyone), and staff's research source and confidence note (staff only). A month is governed by the value in force on its first day (the contribution period
/// 费款所属期 is a whole month).
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, ParameterUnit unit, string description, IReadOnlyList<OfficialDocument> documents, ParameterSource source, ParameterConfidence confidence, IReadOnlyList<DatedValue> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException($"Parameter '{name}' cites no official document.", nameof(documents));
        }

        Name = name;
        Documents = documents;
        Unit = unit;
        Description = description;
        Source = source;
        Confidence = confidence;
        Values = values;
    }

    public string Name { get; }

    public ParameterUnit Unit { get; }

    public string Description { get; }

    /// <summary>The official documents that set the values, in the order the file gives them (at least one).</summary>
    public IReadOnlyList<OfficialDocument> Documents { get; }

    /// <summary>Every official document's citation, joined: what a statement or a trace shows as the parameter's source.</summary>
    public string Citation => string.Join("；", Documents.Select(d => d.Citation()));

    /// <summary>Staff's research note (the secondary page the values were read from): never shown to an enterprise.</summary>
    public ParameterSource Source { get; }

    public ParameterConfidence Confidence { get; }

    /// <summary>In date order, each starting the day after the previous one ends.</summary>
    public IReadOnlyList<DatedValue> Values { get; }

    /// <summary>The value in force for a month (on its first day).</summary>
    /// <exception cref="ParameterNotInForceException">No value covers the month.</exception>
    public DatedValue At(YearMonth month) => Find(month.FirstDay) ?? throw new ParameterNotInForceException(this, month);

    public DatedValue? Find(DateOnly day)
    {
        foreach (var value in Values)
        {
            if (value.Covers(day))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The same parameter with another series of values (a scenario's override), already validated.</summary>
    public Parameter WithValues(IReadOnlyList<DatedValue> values) => new(Name, Unit, Description, Documents, Source, Confidence, values);

    /// <summary>"2019-07-01 onwards" or "2019-07-01 to 2020-12-31", for messages.</summary>
    public string Coverage()
    {
        var first = Values[0].From;
        var last = Values[^1].To;
        return last is null
            ? string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd} onwards")
            : string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd} to {last.Value:yyyy-MM-dd}");
    }
}
