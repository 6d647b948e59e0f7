using System.Globalization;
using Wenjiu.Platform.Audit;
using Wenjiu.Recruitment.Contracts;

namespace Wenjiu.Recruitment.Features.Recommendations;

/// <summary><see cref="ILineCandidates"/>: the recommender's candidates for a line, audited as the API's are.</summary>
internal sealed class LineCandidates(Recommender recommender, IAuditLog audit) : ILineCandidates
{
    public const string AuditAction = "recruitment.candidates";

    public async Task<IReadOnlyList<LineCandidate>?> ForLineAsync(long lineId, int top, CancellationToken cancellationToken = default)
    {
        var list = await recommender.ForLineAsync(lineId, top, cancellationToken);
        if (list is null)
        {
            return null;
        }

        await RecordAsync(audit, lineId, list, cancellationToken);
        return [.. list.Select(c => new LineCandidate(
            c.SeekerId, c.MaskedName, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(c.Kind), c.District, c.Score, c.Why.MustHaveMet, c.Why.MustHaveMissing, c.Why.DistanceKm, c.Why.PayMet))];
    }

    internal static Task RecordAsync(IAuditLog audit, long lineId, IReadOnlyList<CandidateRecommendation> list, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            AuditAction, $"demand_line:{lineId}",
            string.Create(CultureInfo.InvariantCulture, $"{list.Count} candidates listed, names masked: seekers {string.Join(' ', list.Select(c => c.SeekerId))}"),
            cancellationToken);
}
