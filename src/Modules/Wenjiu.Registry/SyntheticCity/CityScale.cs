namespace Wenjiu.Registry.SyntheticCity;

/// <summary>How big a synthetic city to make. The insured-per-employer mix is the same at every scale.</summary>
internal sealed record CityScale(string Name, int Employers)
{
    /// <summary>About 2,000 employers and 30,000 insured: seeds in seconds on SQLite.</summary>
    public static readonly CityScale Demo = new("demo", 2_000);

    /// <summary>Beijing in February 2020: about 615,000 insured employers and 9 million insured (relief-rules.md, calibration).</summary>
    public static readonly CityScale City = new("city", 615_000);

    public static CityScale Parse(string name) => name switch
    {
        "demo" => Demo,
        "city" => City,
        _ => throw new ArgumentException($"Unknown scale '{name}': use demo or city.", nameof(name)),
    };
}
