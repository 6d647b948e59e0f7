using Wenjiu.Platform.Events;

namespace Wenjiu.Ledger.Contracts;

/// <summary>Why the bureau designated an enterprise as key (重点企业): the four categories of the 2020 measures.</summary>
public enum KeyEnterpriseCategory
{
    /// <summary>防疫物资和医疗: epidemic prevention and medical supplies.</summary>
    EpidemicPrevention,

    /// <summary>公共事业运行: water, power, gas, heating, transport, sanitation.</summary>
    PublicUtilities,

    /// <summary>群众生活必需: food, daily necessities, logistics and delivery.</summary>
    DailyNecessities,

    /// <summary>重大工程项目: major construction and industrial projects.</summary>
    MajorProjects,
}

/// <summary>Where a demand line stands. Only an <see cref="Open"/> line is recommended for and published.</summary>
public enum DemandLineStatus
{
    Open,

    /// <summary>Nobody confirmed it was still needed within the week: hidden until the enterprise confirms again.</summary>
    Frozen,

    /// <summary>Its headcount was hired (from insured employment: the registry's spells, not a checkbox).</summary>
    Filled,

    /// <summary>Withdrawn by the enterprise or closed by staff.</summary>
    Closed,
}

/// <summary>
/// A key enterprise's labour demand line (用工需求) as other modules see it: recruitment publishes it as a posting and
/// recommends candidates for it.
/// </summary>
/// <param name="Occupation">An occupation code of <c>Wenjiu.Recruitment.Contracts.OccupationTaxonomy</c>.</param>
/// <param name="MustHaveSkills">Skill codes of the taxonomy a candidate must have.</param>
/// <param name="NiceToHaveSkills">Skill codes that count in a candidate's favour.</param>
/// <param name="District">A district code of <c>Wenjiu.Registry.Contracts.Districts</c>.</param>
/// <param name="PayMin">Monthly pay in yuan, before tax.</param>
/// <param name="Urgency">The line's urgency score (headcount × days until production is hit × sector priority; ledger parameters).</param>
/// <param name="Specialist">The user name of the one-to-one service specialist (专员) assigned to the line; null until assigned.</param>
public sealed record DemandLine(
    long Id, string Uscc, string EmployerName, KeyEnterpriseCategory Category, string Occupation, string TitleZh, string TitleEn, int Headcount,
    int Hired, IReadOnlyList<string> MustHaveSkills, IReadOnlyList<string> NiceToHaveSkills, string District, string Site, decimal PayMin,
    decimal PayMax, DateOnly StartOn, string Shifts, DemandLineStatus Status, decimal Urgency, string? Specialist, DateTimeOffset UpdatedAt);

/// <summary>What the ledger offers: its designations and its demand lines.</summary>
public interface IDemandLedger
{
    /// <summary>The enterprise's designation as a key enterprise in force, or null when it is not one.</summary>
    Task<KeyEnterpriseCategory?> KeyCategoryAsync(string uscc, CancellationToken cancellationToken = default);

    Task<DemandLine?> FindLineAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every open line, most urgent first (recruitment's index rebuild and recommendations).</summary>
    IAsyncEnumerable<DemandLine> OpenLinesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A demand line was opened, changed, frozen, confirmed again, filled or closed: the line as it now is.</summary>
public sealed record DemandLineChanged(DemandLine Line) : IDomainEvent
{
    public static string EventType => "ledger.demand_line_changed";
}
