namespace Wenjiu.Payments.Domain;

/// <summary>
/// One employer's refund result for a contribution year: one row per employer and year, replaced as a whole when the
/// year is assessed again (so the export and the staff page always show one consistent run).
/// </summary>
internal sealed class RefundResultRow
{
    public int Year { get; set; }

    public string Uscc { get; set; } = "";

    public long RunId { get; set; }

    public string District { get; set; } = "";

    public string Industry { get; set; } = "";

    /// <summary><c>sme</c>, <c>large_or_other</c>, <c>none</c>.</summary>
    public string Category { get; set; } = "";

    public bool Eligible { get; set; }

    /// <summary>The first failing reason code; null when eligible.</summary>
    public string? Reason { get; set; }

    /// <summary>The months the reason names, <c>2019-03,2019-07</c>; empty otherwise.</summary>
    public string Months { get; set; } = "";

    public int InsuredAtBaseline { get; set; }

    public int InsuredAtYearEnd { get; set; }

    /// <summary>Rounded to 6 decimals half away from zero (compared unrounded); null without a baseline.</summary>
    public decimal? LayoffRate { get; set; }

    public int? FewerSeparations { get; set; }

    public decimal UnemploymentPaid { get; set; }

    public decimal Refund { get; set; }
}
