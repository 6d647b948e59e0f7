using System.Globalization;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Platform.Rules;

/// <summary>
/// A named, dated policy parameter: a gap-free, non-overlapping series of values with one unit, a description, a
/// source and a confidence note. A month is governed by the value in force on its first day (the contribution period
/// 费款所属期 is a whole month).
/// </summary>
public sealed class Parameter
{
    public Parameter(string name, ParameterUnit unit, string description, ParameterSource source, ParameterConfidence confidence, IReadOnlyList<DatedValue> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        Name = name;
        Unit = unit;
        Description = description;
        Source = source;
        Confidence = confidence;
        Values = values;
    }

    public string Name { get; }

    public ParameterUnit Unit { get; }

    public string Description { get; }

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
    public Parameter WithValues(IReadOnlyList<DatedValue> values) => new(Name, Unit, Description, Source, Confidence, values);

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
