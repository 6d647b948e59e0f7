using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Identity;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;

namespace Wenjiu.Recruitment.Features.Search;

/// <summary>The job search API under <c>/api/v1/jobs</c>: search with facets, typeahead, and the changes feed (JobTech's stream).</summary>
internal static class JobEndpoints
{
    public static void Map(RouteGroupBuilder jobs)
    {
        var api = jobs.MapGroup("").WithTags("Jobs");
        api.MapGet("", Search)
            .RequireAuthorization(Permissions.SearchJobs)
            .WithName("SearchJobs")
            .WithSummary("Search the open postings")
            .WithDescription("`q` free text in Chinese or English (a phrase in double quotes), filters `district`, `occupation` (taxonomy codes), `key_enterprise`, `pay` (a band: `0-5000`, `5000-8000`, `8000-12000`, `12000+`), `education`, `posted_within` (days), `page` (20 a page). Answers `total`, `items` (`id`, `title`, `employer`, `district`, `pay`) and `facets` (each facet's values with their counts over the hits of the query and every filter).");
        api.MapGet("/typeahead", Typeahead)
            .RequireAuthorization(Permissions.SearchJobs)
            .WithName("JobTypeahead")
            .WithSummary("Occupation names and synonyms starting with or containing the typed text");
        api.MapGet("/changes", ChangesAsync)
            .RequireAuthorization(Permissions.SearchJobs)
            .WithName("JobChanges")
            .WithSummary("The postings changed after a sequence number")
            .WithDescription("`since` the last `sequence` read (0 for everything). Each change names the posting and whether it is `open` or `closed` now; read again with the last sequence. At most 500 at a time, oldest first.");
    }

    internal static Ok<JobSearchResponse> Search(
        string? q, string? district, string? occupation, bool? key_enterprise, string? pay, string? education, int? posted_within, int? page, JobIndex index)
    {
        var results = index.Search(new JobQuery(q, district, occupation, key_enterprise, pay, education, posted_within, page ?? 1));
        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        return TypedResults.Ok(new JobSearchResponse(
            results.Total,
            [.. results.Items.Select(h => new JobItem(h.Id, zh || h.TitleEn.Length == 0 ? h.TitleZh : h.TitleEn, h.Employer, h.District, new JobPay(h.PayMin, h.PayMax)))],
            results.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetCount>)[.. f.Value.Select(v => new FacetCount(v.Value, v.Count))], StringComparer.Ordinal)));
    }

    private static Ok<List<string>> Typeahead(string? q) => TypedResults.Ok(Suggest(q, 10));

    internal static List<string> Suggest(string? q, int count)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return [];
        }

        var text = q.Trim();
        var names = OccupationTaxonomy.Occupations.SelectMany(o => (IEnumerable<string>)[o.NameZh, o.NameEn, .. o.SynonymsZh, .. o.SynonymsEn]).Distinct(StringComparer.Ordinal).ToList();
        return [.. names.Where(n => n.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .Concat(names.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal).Take(count)];
    }

    private static async Task<Ok<List<JobChange>>> ChangesAsync(long? since, RecruitmentDbContext db, CancellationToken cancellationToken)
    {
        var after = since ?? 0;
        var changes = await db.PostingChanges.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(500).ToListAsync(cancellationToken);
        var ids = changes.Select(c => c.PostingId).Distinct().ToList();
        var postings = await db.Postings.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return TypedResults.Ok(changes.Select(c =>
        {
            var p = postings.GetValueOrDefault(c.PostingId);
            return new JobChange(
                c.Id, c.PostingId, p?.Status == Domain.PostingStatus.Open ? "open" : "closed", c.At, p?.TitleZh, p?.TitleEn, p?.Uscc, p?.EmployerName, p?.Occupation,
                p?.District, p is null ? null : new JobPay(p.PayMin, p.PayMax), p?.KeyEnterprise);
        }).ToList());
    }
}

internal sealed record JobPay(decimal Min, decimal Max);

internal sealed record JobItem(long Id, string Title, string Employer, string District, JobPay Pay);

internal sealed record FacetCount(string Value, int Count);

internal sealed record JobSearchResponse(int Total, IReadOnlyList<JobItem> Items, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

internal sealed record JobChange(
    long Sequence, long Id, string Status, DateTimeOffset At, string? TitleZh, string? TitleEn, string? EmployerUscc, string? Employer, string? Occupation,
    string? District, JobPay? Pay, bool? KeyEnterprise);
