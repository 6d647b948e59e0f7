using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Data;

namespace Wenjiu.Recruitment.Features.Recommendations;

/// <summary>
/// <c>GET /api/v1/seekers/{id}/recommendations</c> (postings for a seeker: the seeker themself, specialists, administrators)
/// and <c>GET /api/v1/demand-lines/{id}/candidates</c> (seekers for a key enterprise's line, names masked: specialists and
/// administrators; every list audited). Each item carries its explanation.
/// </summary>
internal static class RecommendationEndpoints
{
    public const int DefaultTop = 20;
    public const int MaxTop = 50;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/seekers/{id:long}/recommendations", ForSeekerAsync)
            .RequireAuthorization()
            .WithTags("Recommendations")
            .WithName("SeekerRecommendations")
            .WithSummary("Open postings recommended to a seeker, each explained")
            .WithDescription("`top` (default 20, at most 50). The seeker themself, service specialists and administrators; anyone else, or an unknown seeker, answers 404. Each item: the posting, its `score` (0–1.1) and `why`: occupation match, must-have skills met and missing, nice-to-have skills met, `distance_km` between the districts' seats, pay asked and offered, schooling, the key-enterprise boost and the score's parts. At most two postings of one employer; the key-enterprise boost is capped.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/v1/demand-lines/{id:long}/candidates", ForLineAsync)
            .RequireAuthorization(Permissions.ViewCandidates)
            .WithTags("Recommendations")
            .WithName("DemandLineCandidates")
            .WithSummary("Seekers recommended for a key enterprise's demand line, names masked, each explained")
            .WithDescription("`top` (default 20, at most 50). Seekers open to recommendations who want the line's occupation, nearest districts first, scored on must-have and nice-to-have skills, distance and pay. Names are masked; the list is audited.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<SeekerRecommendationsResponse>, NotFound>> ForSeekerAsync(
        long id, int? top, ClaimsPrincipal user, RecruitmentDbContext db, Recommender recommender, CancellationToken cancellationToken)
    {
        if (!user.MayEverywhere(Permissions.ViewRecommendations))
        {
            var own = await db.Seekers.AsNoTracking().AnyAsync(s => s.Id == id && s.UserName != null && s.UserName == user.Identity!.Name, cancellationToken);
            if (!own)
            {
                return TypedResults.NotFound();
            }
        }

        var list = await recommender.ForSeekerAsync(id, Math.Clamp(top ?? DefaultTop, 1, MaxTop), cancellationToken);
        if (list is null)
        {
            return TypedResults.NotFound();
        }

        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        return TypedResults.Ok(new SeekerRecommendationsResponse(id, [.. list.Select(r => new JobRecommendationItem(
            r.PostingId, zh || r.TitleEn.Length == 0 ? r.TitleZh : r.TitleEn, r.Employer, r.District, new Search.JobPay(r.PayMin, r.PayMax), r.KeyEnterprise,
            r.DemandLineId, r.Score, Why(r.Why)))]));
    }

    private static async Task<Results<Ok<LineCandidatesResponse>, NotFound>> ForLineAsync(
        long id, int? top, Recommender recommender, IAuditLog audit, CancellationToken cancellationToken)
    {
        var list = await recommender.ForLineAsync(id, Math.Clamp(top ?? DefaultTop, 1, MaxTop), cancellationToken);
        if (list is null)
        {
            return TypedResults.NotFound();
        }

        await LineCandidates.RecordAsync(audit, id, list, cancellationToken);
        return TypedResults.Ok(new LineCandidatesResponse(id, [.. list.Select(c => new CandidateItem(
            c.SeekerId, c.MaskedName, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(c.Kind), c.District, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(c.Education), c.Score, Why(c.Why)))]));
    }

    private static WhyItem Why(Explanation e) => new(
        e.Occupation, Wenjiu.Recruitment.Features.Seekers.Seekers.Code(e.OccupationMatch), e.MustHaveMet, e.MustHaveMissing, e.NiceToHaveMet, e.DistanceKm,
        new PayFitItem(e.AskedPayMin, e.OfferedPayMin, e.OfferedPayMax, e.PayMet), e.EducationMet, e.Factor, e.KeyBoost,
        [.. e.Parts.Select(p => new ScorePartItem(p.Name, p.Value, p.Weight))]);

}

internal sealed record PayFitItem(decimal AskedMin, decimal OfferedMin, decimal OfferedMax, bool Met);

internal sealed record ScorePartItem(string Name, decimal Value, decimal Weight);

internal sealed record WhyItem(
    string Occupation, string OccupationMatch, IReadOnlyList<string> MustHaveMet, IReadOnlyList<string> MustHaveMissing, IReadOnlyList<string> NiceToHaveMet,
    decimal? DistanceKm, PayFitItem Pay, bool? EducationMet, decimal Factor, decimal KeyBoost, IReadOnlyList<ScorePartItem> Parts);

internal sealed record JobRecommendationItem(long PostingId, string Title, string Employer, string District, Search.JobPay Pay, bool KeyEnterprise, long? DemandLineId, decimal Score, WhyItem Why);

internal sealed record SeekerRecommendationsResponse(long SeekerId, IReadOnlyList<JobRecommendationItem> Items);

internal sealed record CandidateItem(long SeekerId, string Name, string Kind, string District, string Education, decimal Score, WhyItem Why);

internal sealed record LineCandidatesResponse(long DemandLineId, IReadOnlyList<CandidateItem> Items);
