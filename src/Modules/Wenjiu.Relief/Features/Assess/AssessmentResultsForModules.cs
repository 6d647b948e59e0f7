using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Contracts;

namespace Wenjiu.Relief.Features.Assess;

/// <summary><see cref="IAssessmentResults"/> for other modules: an employer's bill in the month's current run.</summary>
internal sealed class AssessmentResultsForModules(AssessmentQueries queries) : IAssessmentResults
{
    public async Task<AssessedMonth?> FindAsync(string uscc, YearMonth month, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        var run = await queries.CurrentRunAsync(month, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var bill = await queries.CurrentBillAsync(uscc.Trim().ToUpperInvariant(), month, cancellationToken);
        if (bill is null || bill.RunId != run.Id)
        {
            return null;
        }

        return new AssessedMonth(bill.Uscc, month, run.Id, run.Version, bill.Insured,
        [
            new(ContributionInsurance.Pension, bill.PensionEmployerDue, bill.PensionEmployerRelief, bill.PensionEmployerPayable, bill.PensionEmployeePayable),
            new(ContributionInsurance.Unemployment, bill.UnemploymentEmployerDue, bill.UnemploymentEmployerRelief, bill.UnemploymentEmployerPayable, bill.UnemploymentEmployeePayable),
            new(ContributionInsurance.WorkInjury, bill.WorkInjuryEmployerDue, bill.WorkInjuryEmployerRelief, bill.WorkInjuryEmployerPayable, bill.WorkInjuryEmployeePayable),
            new(ContributionInsurance.Medical, bill.MedicalEmployerDue, bill.MedicalEmployerRelief, bill.MedicalEmployerPayable, bill.MedicalEmployeePayable),
            new(ContributionInsurance.Maternity, bill.MaternityEmployerDue, bill.MaternityEmployerRelief, bill.MaternityEmployerPayable, bill.MaternityEmployeePayable),
        ], bill.Deferred);
    }
}
