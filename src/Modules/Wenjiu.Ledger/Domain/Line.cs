using Wenjiu.Ledger.Contracts;

namespace Wenjiu.Ledger.Domain;

/// <summary>A key enterprise's demand line (用工需求) as the ledger keeps it; <see cref="DemandLine"/> is how other modules see it.</summary>
internal sealed class Line
{
    public long Id { get; set; }

    public string Uscc { get; set; } = "";

    public string EmployerName { get; set; } = "";

    public KeyEnterpriseCategory Category { get; set; }

    public string Occupation { get; set; } = "";

    public string TitleZh { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public int Headcount { get; set; }

    /// <summary>Hires counted from insured employment (the registry's spells of persons in the line's funnel).</summary>
    public int Hired { get; set; }

    /// <summary>Skill codes, comma-separated.</summary>
    public string MustHaveSkills { get; set; } = "";

    public string NiceToHaveSkills { get; set; } = "";

    public string District { get; set; } = "";

    public string Site { get; set; } = "";

    public decimal PayMin { get; set; }

    public decimal PayMax { get; set; }

    public DateOnly StartOn { get; set; }

    public string Shifts { get; set; } = "";

    public DemandLineStatus Status { get; set; }

    public string? Specialist { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? FirstContactAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the enterprise last said the line is still needed (its creation counts as the first time).</summary>
    public DateTimeOffset ConfirmedAt { get; set; }

    /// <summary>When the last weekly "still needed?" question was sent; null when none is waiting for an answer.</summary>
    public DateTimeOffset? ConfirmationAskedAt { get; set; }

    /// <summary>The API client's key; unique per employer, so a retried request creates once.</summary>
    public string? IdempotencyKey { get; set; }

    public static IReadOnlyList<string> Codes(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public DemandLine ToContract(decimal urgency) => new(
        Id, Uscc, EmployerName, Category, Occupation, TitleZh, TitleEn, Headcount, Hired, Codes(MustHaveSkills), Codes(NiceToHaveSkills), District, Site, PayMin,
        PayMax, StartOn, Shifts, Status, urgency, Specialist, UpdatedAt);
}
