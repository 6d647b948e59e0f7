using Wenjiu.Platform.Periods;

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
    public YearMonth Month { get; set; }

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
