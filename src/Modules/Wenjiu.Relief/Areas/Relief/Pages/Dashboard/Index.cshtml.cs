using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wenjiu.Platform.Periods;
using Wenjiu.Relief.Features.Reports;

namespace Wenjiu.Relief.Areas.Relief.Pages.Dashboard;

/// <summary>
/// The bureau's dashboard: relief by month stacked by size class, and for one month by district, industry and sector.
/// The tables are rendered here (they are the charts' text alternative and work without JavaScript); the charts are
/// drawn by relief-charts.js from the same figures through the report API.
/// </summary>
internal sealed class IndexModel(ReliefReportHandler handler) : PageModel
{
    [FromQuery(Name = "month")]
    public string? Month { get; set; }

    internal IReadOnlyList<YearMonth> Months { get; private set; } = [];

    internal YearMonth? Selected { get; private set; }

    internal ReliefReport? ByMonth { get; private set; }

    internal ReliefReport? ByDistrict { get; private set; }

    internal ReliefReport? ByIndustry { get; private set; }

    internal ReliefReport? BySector { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Months = await handler.AssessedMonthsAsync(cancellationToken);
        if (Months.Count == 0)
        {
            return;
        }

        Selected = YearMonth.TryParse(Month, CultureInfo.InvariantCulture, out var asked) && Months.Contains(asked) ? asked : Months[^1];
        ByMonth = await handler.RunAsync(new ReliefReportQuery(null, null, [ReportDimension.Month, ReportDimension.SizeClass]), cancellationToken);
        ByDistrict = await handler.RunAsync(new ReliefReportQuery(Selected, Selected, [ReportDimension.District]), cancellationToken);
        ByIndustry = await handler.RunAsync(new ReliefReportQuery(Selected, Selected, [ReportDimension.Industry]), cancellationToken);
        BySector = await handler.RunAsync(new ReliefReportQuery(Selected, Selected, [ReportDimension.Sector]), cancellationToken);
    }

    public static string Source(string query) => "/api/v1/relief/reports/relief?" + query;
}
