using Wenjiu.Platform.Periods;

namespace Wenjiu.Relief.Contracts;

/// <summary>The five social insurances (五险) a month is billed for.</summary>
public enum ContributionInsurance
{
    Pension,
    Unemployment,
    WorkInjury,
    Medical,
    Maternity,
}

/// <summary>One insurance of an assessed month, in yuan: the employer's due, its relief and what it pays, and what the employees pay.</summary>
public sealed record InsuranceAmounts(ContributionInsurance Insurance, decimal EmployerDue, decimal EmployerRelief, decimal EmployerPayable, decimal EmployeePayable);

/// <summary>
/// An employer's assessed month from the month's current run: per insurance due, relief and payable, and the employer
/// payable deferred this month under an approved deferral.
/// </summary>
public sealed record AssessedMonth(
    string Uscc, YearMonth Month, Guid RunId, int Version, int Insured, IReadOnlyList<InsuranceAmounts> Insurances, decimal Deferred)
{
    public decimal EmployerDue => Insurances.Sum(i => i.EmployerDue);

    public decimal EmployerRelief => Insurances.Sum(i => i.EmployerRelief);

    public decimal EmployerPayable => Insurances.Sum(i => i.EmployerPayable);
}

/// <summary>The assessment's results as other modules may read them (never its tables).</summary>
public interface IAssessmentResults
{
    /// <summary>The employer's month in the month's current run; null when the month was not assessed or the employer had no insured then.</summary>
    Task<AssessedMonth?> FindAsync(string uscc, YearMonth month, CancellationToken cancellationToken = default);
}
