using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Payments.Data;
using Wenjiu.Reviews.Contracts;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>
/// Sends a year's eligible list to review (candidate group <c>refunds</c>): one request per eligible employer, opened
/// in chunks with <see cref="IReviewRequests.OpenManyAsync"/>, idempotent per employer and year, so sending again after
/// a re-run opens only the newly eligible, and withdraws the undecided tasks of employers the latest run no longer finds
/// eligible (the data changed; a task decided already stands on record, and the payment handler pays only a result
/// eligible now). The reviews module applies bulk approval and four eyes above its threshold.
/// </summary>
internal sealed class RefundReviews(PaymentsDbContext db, IReviewRequests reviews, TimeProvider clock)
{
    public const string Kind = "payments.refund";
    public const string Group = "refunds";
    private const int Chunk = 1_000;

    /// <summary>Requests reviewers may choose when refusing an eligible employer's refund (the rule passed; the facts may not hold).</summary>
    public static readonly IReadOnlyList<ReviewReason> RefusalReasons =
    [
        new("contributions_disputed", "缴费数据经核实有误", "the contribution data were found wrong"),
        new("headcount_disputed", "参保人数经核实有误", "the insured headcount was found wrong"),
        new("already_refunded", "本年度已享受稳岗返还", "already refunded for the year"),
    ];

    public static string SubjectId(int year, string uscc) => string.Create(CultureInfo.InvariantCulture, $"{year}:{uscc}");

    public static bool TryParseSubject(string subject, out int year, out string uscc)
    {
        var parts = subject.Split(':');
        uscc = parts.Length == 2 ? parts[1] : "";
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out year) && uscc.Length == 18;
    }

    /// <summary>The reason written on a task withdrawn because a later run found the employer not eligible.</summary>
    public const string NoLongerEligible = "a later refund run found the employer not eligible";

    /// <summary>Opens a review per eligible employer of <paramref name="year"/> and withdraws the undecided ones no longer eligible; the number of requests sent.</summary>
    public async Task<int> SendAsync(int year, string by, CancellationToken cancellationToken = default)
    {
        var due = clock.GetUtcNow().AddDays(30);
        var eligible = await db.RefundResults.AsNoTracking()
            .Where(r => r.Year == year && r.Eligible).OrderBy(r => r.Uscc)
            .Select(r => new { r.Uscc, r.Refund })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var chunk in eligible.Chunk(Chunk))
        {
            var requests = chunk.Select(r => new ReviewRequest(
                Kind, SubjectId(year, r.Uscc), r.Uscc,
                string.Create(CultureInfo.InvariantCulture, $"{year}年度失业保险稳岗返还 {r.Uscc}"),
                string.Create(CultureInfo.InvariantCulture, $"{year} stable-job refund {r.Uscc}"),
                r.Refund, due, Group, 0, RefusalReasons, string.Create(CultureInfo.InvariantCulture, $"/Payments/Refunds/{year}/{r.Uscc}"))).ToList();
            await reviews.OpenManyAsync(requests, by, cancellationToken);
            sent += requests.Count;
        }

        var stillEligible = eligible.Select(r => r.Uscc).ToHashSet(StringComparer.Ordinal);
        foreach (var subject in await reviews.UndecidedSubjectsAsync(Kind, string.Create(CultureInfo.InvariantCulture, $"{year}:"), cancellationToken))
        {
            if (TryParseSubject(subject, out var subjectYear, out var uscc) && subjectYear == year && !stillEligible.Contains(uscc))
            {
                await reviews.WithdrawAsync(Kind, subject, NoLongerEligible, by, cancellationToken);
            }
        }

        return sent;
    }
}
