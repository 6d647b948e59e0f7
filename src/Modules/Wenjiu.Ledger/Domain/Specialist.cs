namespace Wenjiu.Ledger.Domain;

/// <summary>A service specialist (专员, a user in role service_specialist) as the ledger assigns lines: the districts covered and a capacity.</summary>
internal sealed class Specialist
{
    public string UserName { get; set; } = "";

    /// <summary>District codes, comma-separated.</summary>
    public string Districts { get; set; } = "";

    /// <summary>How many open lines the specialist can carry; the load is open lines ÷ capacity.</summary>
    public int Capacity { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> DistrictCodes => Districts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
