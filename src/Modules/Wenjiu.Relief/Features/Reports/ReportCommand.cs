using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using Microsoft.Extensions.Localization;
using Wenjiu.Relief.Localization;

namespace Wenjiu.Relief.Features.Reports;

/// <summary>
/// <c>report relief --month 2020-02 --by size_class[,district,industry] --format csv|xlsx [--out FILE]</c>: the relief
/// report over the current assessment runs, as the dashboard and the API compute it, to a file or standard output;
/// headers and names in Chinese unless <c>--lang en</c>.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(IServiceProvider services)
    {
        var month = new Option<string?>("--month") { Description = "one contribution month, YYYY-MM (or --from/--to; all assessed months when none is given)" };
        var from = new Option<string?>("--from") { Description = "first month, YYYY-MM" };
        var to = new Option<string?>("--to") { Description = "last month, YYYY-MM" };
        var by = new Option<string?>("--by") { Description = "grouping, comma-separated: month, size_class, district, industry, sector (none: one total row)" };
        var format = new Option<string>("--format") { Description = "csv or xlsx", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<FileInfo?>("--out") { Description = "write to this file instead of standard output" };
        var language = Wenjiu.Platform.CommandLine.ReportLanguage.Option();
        var relief = new Command("relief", "Relief by month, size class, district, industry or sector.") { month, from, to, by, format, output, language };
        relief.SetAction(async (result, cancellationToken) => await RunAsync(
            services,
            new ReportOptions(result.GetValue(month), result.GetValue(from), result.GetValue(to), result.GetValue(by), result.GetValue(format)!, result.GetValue(output), result.GetValue(language)),
            Console.Error,
            cancellationToken));
        return new Command("report", "Reports over the current assessment runs.") { relief };
    }

    /// <summary>Runs the verb: 0 when written, 1 when an option is wrong (each named on <paramref name="error"/>).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, ReportOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        using var culture = Wenjiu.Platform.CommandLine.ReportLanguage.Use(options.Language);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.Month is not null && (options.From is not null || options.To is not null))
        {
            errors["month"] = "give either --month or --from/--to";
        }

        var query = ReliefReportQuery.Parse(options.Month ?? options.From, options.Month ?? options.To, options.By, null, null, null, errors, System.Globalization.CultureInfo.GetCultureInfo("en"));
        if (query is null || errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                await error.WriteLineAsync($"--{field}: {message}");
            }

            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReliefReportHandler>().RunAsync(query, cancellationToken);
        var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<ReliefText>>();
        await using (var stream = options.Output is null ? Console.OpenStandardOutput() : options.Output.Create())
        {
            if (options.Format == "xlsx")
            {
                // ClosedXML writes synchronously and needs a seekable stream; standard output is not one.
                using var buffer = new MemoryStream();
                ReliefReportExport.WriteXlsx(report, buffer, text);
                buffer.Position = 0;
                await buffer.CopyToAsync(stream, cancellationToken);
            }
            else
            {
                await ReliefReportExport.WriteCsvAsync(report, stream, text, cancellationToken);
            }
        }

        if (options.Output is not null)
        {
            await error.WriteLineAsync($"{report.Rows.Count} rows over {report.Months.Count} assessed months written to {options.Output.FullName}.");
        }

        return 0;
    }
}

/// <summary>The verb's options as given.</summary>
internal sealed record ReportOptions(string? Month, string? From, string? To, string? By, string Format, FileInfo? Output, string? Language = null);
