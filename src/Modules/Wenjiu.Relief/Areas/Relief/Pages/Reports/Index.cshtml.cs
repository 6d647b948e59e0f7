using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Features.Reports;

namespace Wenjiu.Relief.Areas.Relief.Pages.Reports;

/// <summary>The relief report with its filters and groupings; the downloads are the same query through the API.</summary>
internal sealed class IndexModel(ReliefReportHandler handler) : PageModel
{
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    [FromQuery(Name = "to")]
    public string? To { get; set; }

    [FromQuery(Name = "by")]
    public string[] By { get; set; } = [];

    [FromQuery(Name = "size_class")]
    public string? SizeClass { get; set; }

    [FromQuery(Name = "district")]
    public string? District { get; set; }

    [FromQuery(Name = "industry")]
    public string? Industry { get; set; }

    internal IReadOnlyList<YearMonth> Months { get; private set; } = [];

    internal ReliefReport? Report { get; private set; }

    private List<KeyValuePair<string, string?>> exportParameters = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Months = await handler.AssessedMonthsAsync(cancellationToken);
        if (Request.Query.Count == 0 && Months.Count > 0)
        {
            // First visit: the latest assessed month by size class, the figure most asked for.
            From = To = Months[^1].ToString();
            By = [ReportDimension.SizeClass.Code()];
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = ReliefReportQuery.Parse(From, To, string.Join(',', By), SizeClass, District, Industry, errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (query is null)
        {
            return;
        }

        Report = await handler.RunAsync(query, cancellationToken);
        exportParameters =
        [
            new("from", From), new("to", To), new("by", string.Join(',', query.By.Select(d => d.Code()))),
            new("size_class", query.SizeClass), new("district", query.District), new("industry", query.Industry),
        ];
    }

    /// <summary>The report shown, through the API, as a file (csv or xlsx).</summary>
    public string ExportHref(string format) =>
        "/api/v1/relief/reports/relief" + QueryString.Create(exportParameters.Append(new("format", format)).Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public bool Groups(ReportDimension dimension) => By.Contains(dimension.Code()) || (dimension == ReportDimension.SizeClass && By.Contains("report_class"));
}
