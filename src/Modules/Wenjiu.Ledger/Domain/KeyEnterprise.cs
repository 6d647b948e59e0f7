using Wenjiu.Ledger.Contracts;

namespace Wenjiu.Ledger.Domain;

/// <summary>
/// A designation of an employer as a key enterprise (重点企业): its category, who designated it and when, and the last
/// day it is in force (null: until ended). The employer's name is copied from the registry's directory when designated.
/// </summary>
internal sealed class KeyEnterprise
{
    public long Id { get; set; }

    public string Uscc { get; set; } = "";

    public string Name { get; set; } = "";

    public KeyEnterpriseCategory Category { get; set; }

    public string DesignatedBy { get; set; } = "";

    public DateTimeOffset DesignatedAt { get; set; }

    /// <summary>The last day of the designation (Beijing date); null while open-ended.</summary>
    public DateOnly? EndsOn { get; set; }

    public bool InForceOn(DateOnly day) => EndsOn is null || day <= EndsOn.Value;
}
