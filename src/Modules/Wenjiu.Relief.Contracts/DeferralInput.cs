using Wenjiu.Platform.Periods;

namespace Wenjiu.Relief.Contracts;

/// <summary>An approved deferral as another module (the review of applications) hands it over.</summary>
/// <param name="Reference">The approval's reference (document number), at most 100 characters.</param>
public sealed record ApprovedDeferral(string Uscc, YearMonth FirstMonth, YearMonth LastMonth, string Reference);

/// <summary>
/// What recording did: the new deferral's id, or the reasons it was refused, per field (<c>Uscc</c>, <c>FirstMonth</c>,
/// <c>LastMonth</c>, <c>Reference</c>), in the current UI language.
/// </summary>
public sealed record DeferralRecording(long? DeferralId, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
{
    public bool Recorded => DeferralId is not null;
}

/// <summary>
/// Deferrals as an input another module may write: an approved deferral goes through the relief module's own rules
/// (a registered employer, the months the rule set allows, no overlap with a standing deferral), is audited, and
/// publishes <see cref="DeferralRecorded"/>, exactly as when staff record it on the deferrals page.
/// </summary>
public interface IDeferralInput
{
    /// <param name="recordedBy">The user name the audit log and the deferral record as its author.</param>
    Task<DeferralRecording> RecordAsync(ApprovedDeferral request, string recordedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// What <see cref="RecordAsync"/> would refuse, per field, without recording anything: an application is checked
    /// against the same rules before it is submitted for review. Empty when it would be recorded.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CheckAsync(ApprovedDeferral request, CancellationToken cancellationToken = default);
}
