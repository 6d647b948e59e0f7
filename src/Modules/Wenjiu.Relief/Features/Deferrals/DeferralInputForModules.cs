using Wenjiu.Relief.Contracts;

namespace Wenjiu.Relief.Features.Deferrals;

/// <summary>
/// <see cref="IDeferralInput"/> for other modules (the review of applications): the same handler the deferrals page
/// calls, so an approved deferral meets the same rules, the same audit and the same event whoever records it.
/// </summary>
internal sealed class DeferralInputForModules(DeferralHandler deferrals) : IDeferralInput
{
    public async Task<DeferralRecording> RecordAsync(ApprovedDeferral request, string recordedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await deferrals.RecordAsync(
            new DeferralInput(request.Uscc, request.FirstMonth.ToString(), request.LastMonth.ToString(), request.Reference), recordedBy, cancellationToken);
        var errors = result.Errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Message)], StringComparer.Ordinal);
        return new DeferralRecording(result.Deferral?.Id, errors);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CheckAsync(ApprovedDeferral request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = await deferrals.CheckAsync(
            new DeferralInput(request.Uscc, request.FirstMonth.ToString(), request.LastMonth.ToString(), request.Reference), cancellationToken);
        return errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Message)], StringComparer.Ordinal);
    }
}
