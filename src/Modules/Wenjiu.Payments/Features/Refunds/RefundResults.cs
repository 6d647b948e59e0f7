using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>Counts of a year's results by reason (null: eligible).</summary>
internal sealed record ReasonCount(string? Reason, int Employers, decimal Refund);

/// <summary>A year's stored refund results: the export file, the counts by reason and the filtered list for the staff page.</summary>
internal sealed class RefundResults(PaymentsDbContext db)
{
    /// <summary>The export's columns, exactly (issue 9 §5).</summary>
    public const string Header = "uscc,eligible,reason,layoff_rate,insured_2018,insured_2019,unemployment_paid_2019,refund";

    public const int PageSize = 100;

    public Task<RefundRun?> LatestRunAsync(int year, CancellationToken cancellationToken = default) =>
        db.RefundRuns.AsNoTracking().Where(r => r.Year == year).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Writes the year's rows as CSV, one per employer in code order: <c>eligible</c> true/false, <c>reason</c> empty when
    /// eligible, <c>layoff_rate</c> 6 decimals (empty without a baseline), amounts with 2 decimals. Streams in pages.
    /// The header names the contribution year and the one before it (2018 and 2019 for the 2019 refund).
    /// </summary>
    public async Task<int> ExportAsync(int year, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        await writer.WriteLineAsync(year == 2019 ? Header : string.Create(CultureInfo.InvariantCulture,
            $"uscc,eligible,reason,layoff_rate,insured_{year - 1},insured_{year},unemployment_paid_{year},refund"));
        var rows = 0;
        // One ordered query, streamed: one row in memory at a time.
        await foreach (var r in db.RefundResults.AsNoTracking().Where(r => r.Year == year).OrderBy(r => r.Uscc).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Line(r));
            rows++;
        }

        return rows;
    }

    internal static string Line(RefundResultRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Uscc},{(r.Eligible ? "true" : "false")},{r.Reason},{(r.LayoffRate is { } rate ? rate.ToString("0.000000", CultureInfo.InvariantCulture) : "")},{r.InsuredAtBaseline},{r.InsuredAtYearEnd},{r.UnemploymentPaid:0.00},{(r.Eligible ? r.Refund : 0m):0.00}");

    public async Task<IReadOnlyList<ReasonCount>> CountsAsync(int year, CancellationToken cancellationToken = default)
    {
        var counts = await db.RefundResults.AsNoTracking().Where(r => r.Year == year)
            .GroupBy(r => r.Reason).Select(g => new { Reason = g.Key, Employers = g.Count(), Refund = g.Sum(r => r.Refund) })
            .ToListAsync(cancellationToken);
        return counts.Select(c => new ReasonCount(c.Reason, c.Employers, c.Refund))
            .OrderBy(c => c.Reason is null ? -1 : Array.IndexOf(Rules.RefundReasons.InOrder, c.Reason)).ToList();
    }

    /// <param name="reason"><c>eligible</c>, a reason code, or null for every row.</param>
    public async Task<IReadOnlyList<RefundResultRow>> ListAsync(int year, string? reason, string? district, string? after, CancellationToken cancellationToken = default)
    {
        var query = db.RefundResults.AsNoTracking().Where(r => r.Year == year);
        if (reason == "eligible")
        {
            query = query.Where(r => r.Eligible);
        }
        else if (!string.IsNullOrEmpty(reason))
        {
            query = query.Where(r => r.Reason == reason);
        }

        if (!string.IsNullOrEmpty(district))
        {
            query = query.Where(r => r.District == district);
        }

        if (!string.IsNullOrEmpty(after))
        {
#pragma warning disable CA1309 // Translated to SQL, where the column's collation orders it: codes are digits and capital letters, ordered alike by any collation.
            query = query.Where(r => string.Compare(r.Uscc, after) > 0);
#pragma warning restore CA1309
        }

        return await query.OrderBy(r => r.Uscc).Take(PageSize).ToListAsync(cancellationToken);
    }

    public Task<RefundResultRow?> FindAsync(int year, string uscc, CancellationToken cancellationToken = default) =>
        db.RefundResults.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year && r.Uscc == uscc, cancellationToken);
}
