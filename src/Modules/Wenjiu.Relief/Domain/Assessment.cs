namespace Wenjiu.Relief.Domain;

internal enum AssessmentStatus
{
    Running,
    Completed,
    Failed,

    /// <summary>A superseded completed run whose employer rows were pruned (<c>assess prune</c>): totals and parameters kept.</summary>
    Pruned,
}

/// <summary>
/// One assessment of one contribution month for the whole registry. Re-assessing a month makes a new version; only a
/// completed run can be current, so a half-written run is never what reports or enterprises see.
/// </summary>
internal sealed class AssessmentRun
{
    public Guid Id { get; set; }

    /// <summary>The contribution month, <c>yyyymm</c>.</summary>
    public int Month { get; set; }

    /// <summary>1 for the first assessment of the month, then 2, 3… for re-assessments.</summary>
    public int Version { get; set; }

    public AssessmentStatus Status { get; set; }

    /// <summary>True for the one completed run of the month that reports and statements read.</summary>
    public bool IsCurrent { get; set; }

    public string RuleSetName { get; set; } = "";

    /// <summary>Content hash of the rule set's files: a later parameter change is visible as a new version.</summary>
    public string RuleSetVersion { get; set; } = "";

    /// <summary>Every parameter value the run used for the month (name, value, unit, effective date, source) as JSON.</summary>
    public string ParametersJson { get; set; } = "";

    public string StartedBy { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Employers computed so far (live progress) and, when done, in all.</summary>
    public int EmployersDone { get; set; }

    public int Employers { get; set; }

    public int Insured { get; set; }

    public decimal EmployerDue { get; set; }

    public decimal EmployerRelief { get; set; }

    public decimal EmployerPayable { get; set; }

    public decimal EmployeePayable { get; set; }

    /// <summary>Employer payable deferred (缓缴) this month under an approved deferral.</summary>
    public decimal Deferred { get; set; }

    public string? Message { get; set; }
}

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

/// <summary>An approved deferral (缓缴) recorded by staff: consecutive months of employer payable deferred without late fee.</summary>
internal sealed class Deferral
{
    public long Id { get; set; }

    public string Uscc { get; set; } = "";

    /// <summary><c>yyyymm</c>, not before the rule set's earliest deferral month.</summary>
    public int FirstMonth { get; set; }

    /// <summary><c>yyyymm</c>, within the maximum length and not after the latest deferral month.</summary>
    public int LastMonth { get; set; }

    /// <summary>The approval's reference (document number), as staff record it.</summary>
    public string Reference { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>
    /// When staff revoked the deferral (null while it stands). A revoked deferral stays on record, with who revoked it
    /// and why, but defers nothing: the next assessment of its months bills them as not deferred.
    /// </summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevocationReason { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}

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

/// <summary>One run of a scenario over a range of months for the whole population.</summary>
internal sealed class ScenarioRun
{
    public Guid Id { get; set; }

    public Guid ScenarioId { get; set; }

    public int FirstMonth { get; set; }

    public int LastMonth { get; set; }

    public AssessmentStatus Status { get; set; }

    public string RuleSetVersion { get; set; } = "";

    public string StartedBy { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Months finished so far, for live progress.</summary>
    public int MonthsDone { get; set; }

    public string? Message { get; set; }
}

/// <summary>A scenario's totals for one month and report class, beside the baseline's for the same population.</summary>
internal sealed class ScenarioResult
{
    public Guid ScenarioRunId { get; set; }

    public int Month { get; set; }

    public string ReportClass { get; set; } = "";

    public int Employers { get; set; }

    public int Insured { get; set; }

    public decimal BaselineEmployerDue { get; set; }

    public decimal BaselineEmployerRelief { get; set; }

    public decimal BaselineEmployerPayable { get; set; }

    public decimal ScenarioEmployerDue { get; set; }

    public decimal ScenarioEmployerRelief { get; set; }

    public decimal ScenarioEmployerPayable { get; set; }
}
