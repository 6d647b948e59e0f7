using Wenjiu.Platform.Periods;

namespace Wenjiu.Platform.Rules;

/// <summary>
/// A rule set's parameters (e.g. <c>beijing-2020</c>) with a version that changes whenever any file's content does,
/// so a computation can record exactly which values it used.
/// </summary>
public sealed class ParameterSet
{
    private readonly Dictionary<string, Parameter> parameters;

    public ParameterSet(string name, string version, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Version = version;
        this.parameters = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Version { get; }

    public IReadOnlyCollection<Parameter> All => parameters.Values;

    public bool Defines(string name) => parameters.ContainsKey(name);

    /// <exception cref="UnknownParameterException">The rule set defines no such parameter.</exception>
    public Parameter this[string name] => parameters.TryGetValue(name, out var p) ? p : throw new UnknownParameterException(Name, name);

    /// <summary>A numeric parameter's value for a month.</summary>
    public decimal Number(string name, YearMonth month) => this[name].At(month).Number;

    /// <summary>A copy with some parameters' value series replaced (a scenario); the version says it is not the baseline.</summary>
    public ParameterSet With(IReadOnlyDictionary<string, IReadOnlyList<DatedValue>> overrides, string scenario)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var replaced = parameters.Values.Select(p => overrides.TryGetValue(p.Name, out var values) ? p.WithValues(values) : p).ToList();
        var unknown = overrides.Keys.FirstOrDefault(k => !parameters.ContainsKey(k));
        return unknown is null ? new ParameterSet(Name, $"{Version}+{scenario}", replaced) : throw new UnknownParameterException(Name, unknown);
    }
}
