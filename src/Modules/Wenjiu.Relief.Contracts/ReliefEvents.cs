using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Relief.Contracts;

/// <summary>Staff recorded an approved deferral (缓缴) of an employer's contributions for consecutive months.</summary>
public sealed record DeferralRecorded(long DeferralId, string Uscc, YearMonth FirstMonth, YearMonth LastMonth, string Reference, string RecordedBy)
    : IDomainEvent
{
    public static string EventType => "relief.deferral_recorded";
}

/// <summary>Staff revoked a standing deferral: the next assessment of its months bills them as not deferred.</summary>
public sealed record DeferralRevoked(long DeferralId, string Uscc, YearMonth FirstMonth, YearMonth LastMonth, string Reason, string RevokedBy)
    : IDomainEvent
{
    public static string EventType => "relief.deferral_revoked";
}

/// <summary>
/// A month's assessment finished and is now the month's current run (what statements and reports show). Read its
/// employers' results through <see cref="IAssessmentResults"/>.
/// </summary>
/// <param name="EmployerRelief">The relief granted over all employers of the run, in yuan.</param>
public sealed record AssessmentCompleted(Guid RunId, YearMonth Month, int Version, int Employers, int Insured, decimal EmployerRelief, string StartedBy)
    : IDomainEvent
{
    public static string EventType => "relief.assessment_completed";
}
