using Wenjiu.Platform.Periods;

namespace Wenjiu.Registry.Domain;

/// <summary>
/// One row of the <c>contributions</c> file (interchange.md): what the collection system billed and received for an
/// employer's contribution month, in yuan. Keyed by employer and month (the import's upsert key); no foreign key, as for
/// spells: the importer is the only writer and checks the employer is registered (docs/adr/0004).
/// </summary>
internal sealed class Contribution
{
    /// <summary>numeric(14,2): a month's contributions of a trillion yuan are not contributions.</summary>
    public const decimal AmountCeiling = 1_000_000_000_000m;

    public string EmployerUscc { get; set; } = "";

    public YearMonth Month { get; set; }

    /// <summary>Insured persons billed for the month.</summary>
    public int Insured { get; set; }

    /// <summary>Total billed, employer and employee parts, all insurances, after relief and deferral.</summary>
    public decimal Due { get; set; }

    /// <summary>Total received so far.</summary>
    public decimal Paid { get; set; }

    /// <summary>Of <see cref="Paid"/>, unemployment insurance (employer and employee parts).</summary>
    public decimal UnemploymentPaid { get; set; }

    /// <summary>Date of the latest payment; null when nothing was paid.</summary>
    public DateOnly? PaidOn { get; set; }
}
