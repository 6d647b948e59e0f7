using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
namespace Wenjiu.Registry.Domain;

/// <summary>
/// A spell of insured employment: one person at one employer from a first to a last contribution month at one
/// declared wage. Months are stored as <c>yyyymm</c> integers (202002, <c>YearMonth.Number</c>), which sort and compare as months do. A spell is
/// known by its person, employer and first month (the key of interchange.md's upsert).
/// </summary>
internal sealed class EmploymentSpell
{
    public long PersonId { get; set; }

    public string EmployerUscc { get; set; } = "";

    public YearMonth StartMonth { get; set; }

    /// <summary>Null while employed.</summary>
    public YearMonth? EndMonth { get; set; }

    /// <summary>Declared monthly wage, yuan.</summary>
    public decimal Wage { get; set; }
}
