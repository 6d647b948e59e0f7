using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Events;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Payouts;

namespace Wenjiu.Payments.Features.Refunds;

/// <summary>
/// Acts on <see cref="ReviewDecided"/> for this module's kinds (ADR 0009): an approved refund or distressed application
/// becomes a payment exactly once (the payment's source is the request: a redelivered or repeated decision finds it);
/// a decision on any other module's kind is ignored.
/// </summary>
internal sealed class PayApprovedRequests(PaymentsDbContext db, PaymentOrders orders, IEmployerDirectory employers) : IEventHandler<ReviewDecided>
{
    public const string DistressedKind = "payments.distressed_refund";

    public async Task HandleAsync(ReviewDecided message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Kind)
        {
            case RefundReviews.Kind:
                await RefundAsync(message, cancellationToken);
                break;
            case DistressedKind:
                await DistressedAsync(message, cancellationToken);
                break;
            case Agencies.AgencySubsidies.ClaimKind:
                await ClaimAsync(message, cancellationToken);
                break;
        }
    }

    private async Task RefundAsync(ReviewDecided message, CancellationToken cancellationToken)
    {
        if (message.Outcome != ReviewOutcome.Approved || !RefundReviews.TryParseSubject(message.SubjectId, out var year, out var uscc))
        {
            return;
        }

        var result = await db.RefundResults.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year && r.Uscc == uscc, cancellationToken);
        if (result is not { Eligible: true, Refund: > 0 })
        {
            // A later run found it no longer eligible: nothing to pay (the reviewer's approval of the earlier result stands on record there).
            return;
        }

        await orders.ApproveAsync(
            new PaymentOrder(
                RefundReviews.Kind, message.SubjectId, string.Create(CultureInfo.InvariantCulture, $"RF{year}-{uscc}"), uscc, await NameAsync(uscc, cancellationToken), result.Refund,
                "refund", string.Create(CultureInfo.InvariantCulture, $"{year}年度失业保险稳岗返还"), string.Create(CultureInfo.InvariantCulture, $"{year} unemployment-insurance stable-job refund")),
            Approver(message), cancellationToken);
    }

    private async Task DistressedAsync(ReviewDecided message, CancellationToken cancellationToken)
    {
        if (!long.TryParse(message.SubjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await db.DistressedApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } application)
        {
            return;
        }

        if (application.Status == ApplicationStatus.InReview)
        {
            application.Status = message.Outcome == ReviewOutcome.Approved ? ApplicationStatus.Approved : ApplicationStatus.Refused;
            application.DecidedAt = message.DecidedAt;
            await db.SaveChangesAsync(cancellationToken);
        }

        if (application.Status == ApplicationStatus.Approved)
        {
            await orders.ApproveAsync(
                new PaymentOrder(
                    DistressedKind, message.SubjectId, string.Create(CultureInfo.InvariantCulture, $"RD{application.Year}-{application.Uscc}"), application.Uscc,
                    await NameAsync(application.Uscc, cancellationToken), application.Amount, "distressed_refund",
                    string.Create(CultureInfo.InvariantCulture, $"{application.Year}年度困难企业稳岗返还"), string.Create(CultureInfo.InvariantCulture, $"{application.Year} stable-job refund, distressed route")),
                Approver(message), cancellationToken);
        }
    }

    private async Task ClaimAsync(ReviewDecided message, CancellationToken cancellationToken)
    {
        if (!long.TryParse(message.SubjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await db.SubsidyClaims.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } claim)
        {
            return;
        }

        if (claim.Status == ApplicationStatus.InReview)
        {
            claim.Status = message.Outcome == ReviewOutcome.Approved ? ApplicationStatus.Approved : ApplicationStatus.Refused;
            claim.DecidedAt = message.DecidedAt;
            await db.SaveChangesAsync(cancellationToken);
        }

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == claim.AgencyId, cancellationToken);
        if (claim.Status == ApplicationStatus.Approved && agency.VerifiedAt is not null)
        {
            // Once per agency: the payment's source is the agency, not the claim, so a second approved claim pays nothing more.
            await orders.ApproveAsync(
                new PaymentOrder(
                    Agencies.AgencySubsidies.ClaimKind, agency.Id.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"AS-{agency.Uscc}"),
                    agency.Uscc, agency.Name, claim.Amount, "agency_subsidy",
                    string.Create(CultureInfo.InvariantCulture, $"人力资源服务机构就业服务补贴（{claim.ConfirmedPersons}人）"),
                    string.Create(CultureInfo.InvariantCulture, $"HR agency placement subsidy ({claim.ConfirmedPersons} persons)")),
                Approver(message), cancellationToken);
        }
    }

    private async Task<string> NameAsync(string uscc, CancellationToken cancellationToken) => await employers.NameAsync(uscc, cancellationToken) ?? uscc;

    private static string Approver(ReviewDecided message) => message.SecondReviewer is { } second ? $"{message.DecidedBy}+{second}" : message.DecidedBy;
}
