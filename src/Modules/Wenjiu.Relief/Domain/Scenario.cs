namespace Wenjiu.Relief.Domain;

/// <summary>A named what-if: parameter overrides (YAML in the parameter-file format) run over months beside the baseline.</summary>
internal sealed class Scenario
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Overridden parameters, each with its dated values, in the same YAML shape as the rule files.</summary>
    public string OverridesYaml { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
