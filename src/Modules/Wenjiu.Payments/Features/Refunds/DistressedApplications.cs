using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Audit;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>
/// The refund's distressed route: an enterprise in difficulty that does not lay off applies; the amount is 6 × 1,651 =
/// 9,906 yuan per person insured at the year's end (from the registry), and the application is reviewed like a deferral
/// (kind <c>payments.distressed_refund</c>); an approval is paid once (<see cref="PayApprovedRequests"/>).
/// </summary>
internal sealed class DistressedApplications(PaymentsDbContext db, IContributionHistory history, IReviewRequests reviews, IAuditLog audit, TimeProvider clock)
{
    public const string AuditAction = "payments.distressed.apply";

    /// <summary>The application, or an error code (<c>explanation_required</c>, <c>unknown_employer</c>, <c>already_applied</c>, <c>no_insured</c>).</summary>
    public async Task<(DistressedApplication? Application, string? Error)> ApplyAsync(int year, string uscc, string? explanation, string by, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(explanation))
        {
            return (null, "explanation_required");
        }

        if (await db.DistressedApplications.AnyAsync(a => a.Uscc == uscc && a.Year == year && a.Status != ApplicationStatus.Refused, cancellationToken))
        {
            return (null, "already_applied");
        }

        var p = RefundParameters.For(year);
        var employer = await history.FindAsync(uscc, p.LastMonth, p.LastMonth, p.BaselineMonth, p.LastMonth, cancellationToken);
        if (employer is null)
        {
            return (null, "unknown_employer");
        }

        if (employer.InsuredAtYearEnd <= 0)
        {
            return (null, "no_insured");
        }

        var application = new DistressedApplication
        {
            Year = year,
            Uscc = uscc,
            Explanation = explanation.Trim(),
            Insured = employer.InsuredAtYearEnd,
            Amount = RefundRules.DistressedAmount(employer.InsuredAtYearEnd, p),
            Status = ApplicationStatus.InReview,
            AppliedBy = by,
            AppliedAt = clock.GetUtcNow(),
        };
        db.DistressedApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        await reviews.OpenAsync(
            new ReviewRequest(
                PayApprovedRequests.DistressedKind, application.Id.ToString(CultureInfo.InvariantCulture), uscc,
                string.Create(CultureInfo.InvariantCulture, $"{year}年度困难企业稳岗返还申请 {uscc}"),
                string.Create(CultureInfo.InvariantCulture, $"{year} stable-job refund, distressed route: {uscc}"),
                application.Amount, application.AppliedAt.AddDays(20), RefundReviews.Group, 50,
                [new("not_distressed", "未能证明生产经营困难", "difficulty not shown"), new("layoffs", "存在较大规模裁员", "substantial layoffs")],
                string.Create(CultureInfo.InvariantCulture, $"/Payments/Refunds/{year}/{uscc}")),
            by, cancellationToken);
        await audit.RecordAsync(by, AuditAction, $"distressed {application.Id} {uscc}", null, cancellationToken);
        return (application, null);
    }

    public async Task<IReadOnlyList<DistressedApplication>> ForEmployerAsync(string uscc, CancellationToken cancellationToken = default) =>
        await db.DistressedApplications.AsNoTracking().Where(a => a.Uscc == uscc).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
}
