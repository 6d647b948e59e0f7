using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Recruitment.Features.Search;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages.Jobs;

/// <summary>The job search (issue 10 §3): a GET form, so filters and facet links work without JavaScript.</summary>
internal sealed class IndexModel(JobIndex index) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "district")]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true, Name = "occupation")]
    public string? Occupation { get; set; }

    [BindProperty(SupportsGet = true, Name = "key_enterprise")]
    public bool? KeyEnterprise { get; set; }

    [BindProperty(SupportsGet = true, Name = "pay")]
    public string? Pay { get; set; }

    [BindProperty(SupportsGet = true, Name = "posted_within")]
    public int? PostedWithin { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public JobResults Result { get; private set; } = new(0, [], new Dictionary<string, IReadOnlyList<FacetValue>>());

    public void OnGet()
    {
        PageNumber = Math.Max(1, PageNumber);
        Result = index.Search(new JobQuery(Q, District, Occupation, KeyEnterprise, Pay, null, PostedWithin, PageNumber));
    }

    /// <summary>This search with one parameter set (or removed when null), back to its first page unless it is the page.</summary>
    public string Link(string name, string? value)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q, ["district"] = District, ["occupation"] = Occupation, ["key_enterprise"] = KeyEnterprise?.ToString().ToLowerInvariant(),
            ["pay"] = Pay, ["posted_within"] = PostedWithin?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        query[name] = value;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Url.Page("Index") ?? "/Recruitment/Jobs", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
