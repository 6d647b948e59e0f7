namespace Wenjiu.Relief.Domain;

/// <summary>
/// One employer's bill for an assessed month: per insurance the employer's due, relief and payable and the employees'
/// payable, plus the deferred amount; with the dimensions the reports group by, as they were at assessment time.
/// Per-person lines are not stored: they are recomputed on demand from the spells and the run's rule-set version.
/// </summary>
internal sealed class EmployerAssessment
{
    public Guid RunId { get; set; }

    public string Uscc { get; set; } = "";

    /// <summary><c>sme</c>, <c>large_or_other</c> or <c>none</c>.</summary>
    public string Category { get; set; } = "";

    /// <summary>Report class: <c>large</c>, <c>medium</c>, <c>small</c>, <c>micro</c>, <c>individual_business</c> or <c>other</c>.</summary>
    public string ReportClass { get; set; } = "";

    /// <summary>The SME size class (<c>large</c>…<c>micro</c>), or null where the standard does not apply.</summary>
    public string? SizeClass { get; set; }

    public string District { get; set; } = "";

    public string Industry { get; set; } = "";

    public int Insured { get; set; }

    public decimal PensionEmployerDue { get; set; }

    public decimal PensionEmployerRelief { get; set; }

    public decimal PensionEmployerPayable { get; set; }

    public decimal PensionEmployeePayable { get; set; }

    public decimal UnemploymentEmployerDue { get; set; }

    public decimal UnemploymentEmployerRelief { get; set; }

    public decimal UnemploymentEmployerPayable { get; set; }

    public decimal UnemploymentEmployeePayable { get; set; }

    public decimal WorkInjuryEmployerDue { get; set; }

    public decimal WorkInjuryEmployerRelief { get; set; }

    public decimal WorkInjuryEmployerPayable { get; set; }

    public decimal WorkInjuryEmployeePayable { get; set; }

    public decimal MedicalEmployerDue { get; set; }

    public decimal MedicalEmployerRelief { get; set; }

    public decimal MedicalEmployerPayable { get; set; }

    public decimal MedicalEmployeePayable { get; set; }

    public decimal MaternityEmployerDue { get; set; }

    public decimal MaternityEmployerRelief { get; set; }

    public decimal MaternityEmployerPayable { get; set; }

    public decimal MaternityEmployeePayable { get; set; }

    /// <summary>The employer payable (after relief) deferred this month; it falls due the month after the deferral ends.</summary>
    public decimal Deferred { get; set; }

    public decimal EmployerDue => PensionEmployerDue + UnemploymentEmployerDue + WorkInjuryEmployerDue + MedicalEmployerDue + MaternityEmployerDue;

    public decimal EmployerRelief => PensionEmployerRelief + UnemploymentEmployerRelief + WorkInjuryEmployerRelief + MedicalEmployerRelief + MaternityEmployerRelief;

    public decimal EmployerPayable => PensionEmployerPayable + UnemploymentEmployerPayable + WorkInjuryEmployerPayable + MedicalEmployerPayable + MaternityEmployerPayable;

    public decimal EmployeePayable => PensionEmployeePayable + UnemploymentEmployeePayable + WorkInjuryEmployeePayable + MedicalEmployeePayable + MaternityEmployeePayable;
}
