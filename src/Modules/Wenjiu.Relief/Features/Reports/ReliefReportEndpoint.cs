using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Web;
using Wenjiu.Relief.Features.Reports;
using Wenjiu.Relief.Features.Scenarios;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Features.Reports;

/// <summary><c>GET /api/v1/relief/reports/relief</c>: the relief report as JSON, CSV or XLSX, behind the dashboard. Names of codes come in the request's language (the charts show them).</summary>
internal static class ReliefReportEndpoint
{
    public static void Map(RouteGroupBuilder relief)
    {
        var group = relief.MapGroup("").WithTags("Relief reports");
        group.MapGet("/reports/relief", async (HttpContext context, ReliefReportHandler handler, IStringLocalizer<ReliefText> text, string? month, string? from, string? to, string? by, string? size_class, string? district, string? industry, string? format, CancellationToken cancellationToken) =>
            {
                var errors = new Dictionary<string, string>(StringComparer.Ordinal);
                if (month is not null && (from is not null || to is not null))
                {
                    errors["month"] = text["Report.Error.MonthOrRange"];
                }

                var query = ReliefReportQuery.Parse(month ?? from, month ?? to, by, size_class, district, industry, errors);
                format ??= "json";
                if (format is not ("json" or "csv" or "xlsx"))
                {
                    errors["format"] = text["Report.Error.Format"];
                }

                if (query is null || errors.Count > 0)
                {
                    return ApiProblems.Validation(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal));
                }

                var report = await handler.RunAsync(query, cancellationToken);
                switch (format)
                {
                    case "csv":
                        context.Response.ContentType = ReliefReportExport.CsvContentType;
                        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{ReliefReportExport.FileName(report, "csv")}\"";
                        await ReliefReportExport.WriteCsvAsync(report, context.Response.Body, text, cancellationToken);
                        return Results.Empty;
                    case "xlsx":
                        var file = new MemoryStream();
                        ReliefReportExport.WriteXlsx(report, file, text);
                        file.Position = 0;
                        return Results.File(file, ReliefReportExport.XlsxContentType, ReliefReportExport.FileName(report, "xlsx"));
                    default:
                        return Results.Json(ReportAnswer.Of(report, text), ApiJson.Options);
                }
            })
            .RequireAuthorization(Permissions.ViewReports)
            .WithName("ReliefReport")
            .WithSummary("Relief by month, size class, district, industry or sector over the current assessment runs")
            .WithDescription("by: any of month, size_class (large, medium, small, micro, individual_business, other), district, industry, sector, comma-separated; month or from/to (YYYY-MM) select the months, all assessed months when absent; size_class, district and industry filter. format: json (default), csv or xlsx; files have their headers and names in the request's language (Accept-Language or the culture cookie) beside the codes. Needs the `ViewReports` action (docs/permissions.md).")
            .Produces<ReportAnswer>()
            .ProducesValidationProblem();
    }

    internal sealed record ReportRowAnswer(
        string? Month,
        string? SizeClass,
        string? SizeClassName,
        string? District,
        string? DistrictName,
        string? Industry,
        string? IndustryName,
        string? Sector,
        string? SectorName,
        int Employers,
        long Insured,
        decimal EmployerDue,
        decimal EmployerRelief,
        decimal EmployerPayable,
        decimal Deferred,
        decimal EmployeePayable,
        decimal ReliefPerInsured)
    {
        public static ReportRowAnswer Of(ReliefReportRow r, IStringLocalizer<ReliefText> text) => new(
            r.Month?.ToString(),
            r.SizeClass,
            r.SizeClass is null ? null : text.SizeClass(r.SizeClass),
            r.District,
            r.District is null ? null : ReliefDisplay.District(r.District),
            r.Industry,
            r.Industry is null ? null : ReliefDisplay.Industry(r.Industry),
            r.Sector,
            r.Sector is null ? null : text.Sector(r.Sector),
            r.Employers,
            r.Insured,
            r.EmployerDue,
            r.EmployerRelief,
            r.EmployerPayable,
            r.Deferred,
            r.EmployeePayable,
            r.ReliefPerInsured);
    }

    internal sealed record ReportAnswer(IReadOnlyList<string> Months, IReadOnlyList<string> By, IReadOnlyList<ReportRowAnswer> Rows, ReportRowAnswer Total)
    {
        public static ReportAnswer Of(ReliefReport report, IStringLocalizer<ReliefText> text) => new(
            report.Months.Select(m => m.ToString()).ToList(),
            report.Query.By.Select(d => d.Code()).ToList(),
            report.Rows.Select(r => ReportRowAnswer.Of(r, text)).ToList(),
            ReportRowAnswer.Of(report.Total, text));
    }
}
