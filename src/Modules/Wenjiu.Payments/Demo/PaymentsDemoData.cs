using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Contracts;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Agencies;
using Wenjiu.Payments.Features.Payouts;
using Wenjiu.Payments.Features.Refunds;
using Wenjiu.Payments.Rules;

namespace Wenjiu.Payments.Demo;

/// <summary>
/// Demo mode: the 2019 refund batch run on the demo city and its eligible list sent to review; every twentieth eligible
/// employer approved in the review queue by the demo reviewer (the administrator confirming where four eyes are needed)
/// and paid, the rest left in the reviewers' inbox; two HR agencies (the demo users <c>agency</c> and <c>agency2</c>),
/// one verified with 60 confirmed placements whose 50-person claim is approved the same way and paid, one five short of
/// the first tier; then one payout batch. Runs after the registry's demo city (modules seed in the order they were added)
/// and after the demo accounts (the queue lets only reviewers decide). Idempotent: nothing is written once a refund run exists.
/// </summary>
/// <remarks>
/// The decisions are taken through the reviews module's contract (<see cref="IReviewDecisions"/>), so the tasks show
/// "approved" with their history, and the payments follow from <see cref="ReviewDecided"/> through the outbox as in
/// production: the demo delivers those messages at once (the host's dispatcher starts only after seeding) so that the
/// payout batch has them. The placements are written as confirmed: the demo city's identity numbers in clear are the registry's alone.
/// </remarks>
internal sealed class PaymentsDemoData(
    PaymentsDbContext db, RefundBatch batch, RefundReviews reviews, IReviewRequests requests, IReviewDecisions decisions, OutboxDispatcher outbox,
    PaymentOrders orders, PayoutExport export, PersonalDataProtector protector, TimeProvider clock, ILogger<PaymentsDemoData> logger) : IDemoData
{
    public const int Year = 2019;

    /// <summary>The agency the demo user <c>agency</c> acts for: verified, 60 confirmed placements, paid.</summary>
    public static readonly string PaidAgencyUscc = Code("91110105MA01JXRL0");

    /// <summary>
    /// The agency the demo user <c>agency2</c> acts for: verified, 45 confirmed placements, five short of the first tier. The
    /// demo city's key enterprises hire only a handful of persons in the counting window (7 starting February to June
    /// 2020 at demo scale), so an agency reaches a tier on them only from close to it (the browser journey does).
    /// </summary>
    public static readonly string SmallAgencyUscc = Code("91110106MA02YYRC0");

    private const int SmallAgencyPlacements = 45;

    private const string Policy = "policy";
    private const string Reviewer = "reviewer";

    /// <summary>The second demo staff user, who confirms an approval that needs four eyes (never its first approver).</summary>
    private const string SecondReviewer = "admin";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.RefundRuns.AnyAsync(cancellationToken))
        {
            return;
        }

        var started = clock.GetTimestamp();
        var run = await batch.AssessAsync(Year, Policy, cancellationToken: cancellationToken);
        await reviews.SendAsync(Year, Policy, cancellationToken);
        var eligible = await db.RefundResults.AsNoTracking().Where(r => r.Year == Year && r.Eligible).OrderBy(r => r.Uscc).Select(r => r.Uscc).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Every twentieth: each approval is a queue decision and an outbox delivery to four handlers (about 0.1 s on
        // SQLite on the shared machine), and the rest of the list stays in the inbox for the whole-queue approval.
        var approved = eligible.Where((_, i) => i % 20 == 0).ToList();
        foreach (var uscc in approved)
        {
            await ApproveAsync(RefundReviews.Kind, RefundReviews.SubjectId(Year, uscc), cancellationToken);
        }

        var paidAgency = await AgencyAsync(PaidAgencyUscc, "京师人力资源服务有限公司", "京人服证字〔2019〕第0105号", 60, 0, cancellationToken);
        await AgencyAsync(SmallAgencyUscc, "燕园职业介绍有限公司", "京人服证字〔2019〕第0106号", SmallAgencyPlacements, 1_000, cancellationToken);
        var claim = new SubsidyClaim { AgencyId = paidAgency.Id, Tier = 50, ConfirmedPersons = 60, Amount = 24_000m, Status = ApplicationStatus.InReview, OpenedAt = now };
        db.SubsidyClaims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        var claimId = claim.Id.ToString(CultureInfo.InvariantCulture);
        await requests.OpenAsync(
            new ReviewRequest(
                AgencySubsidies.ClaimKind, claimId, paidAgency.Uscc, $"人力资源服务机构就业服务补贴 {paidAgency.Name}（60人，50人档）",
                $"HR agency placement subsidy {paidAgency.Name} (60 persons, tier 50)", claim.Amount, now.AddDays(20), AgencySubsidies.Group, 20, [], "/Payments/Agencies"),
            "agency", cancellationToken);
        await ApproveAsync(AgencySubsidies.ClaimKind, claimId, cancellationToken);

        // The approvals' ReviewDecided are in the outbox; deliver them now, as the host's dispatcher would, so that the
        // payments exist for the batch below.
        await outbox.DispatchAllDueAsync(ReviewDecided.EventType, cancellationToken);

        // Every payee gets a demo account (the export holds back payments without one).
        foreach (var (uscc, i) in approved.Append(paidAgency.Uscc).Select((u, i) => (u, i)))
        {
            await orders.RecordAccountAsync(uscc, uscc, string.Create(CultureInfo.InvariantCulture, $"62220201{i:D11}"), "admin", protector, cancellationToken);
        }

        var exported = await export.ExportAsync("admin", cancellationToken: cancellationToken);
        logger.LogInformation(
            "Seeded payments: {Employers} employers judged, {Eligible} eligible, {Approved} approved, batch {Batch} in {Seconds:0.0} s",
            run.Employers, run.Eligible, approved.Count, exported.Batch?.Number, clock.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The demo reviewer approves in the queue; where four eyes are needed the second demo staff user confirms.</summary>
    private async Task ApproveAsync(string kind, string subject, CancellationToken cancellationToken)
    {
        var result = await decisions.ApproveAsync(kind, subject, Reviewer, null, cancellationToken);
        if (result.State == ReviewDecisionState.WaitingForSecondReviewer)
        {
            result = await decisions.ApproveAsync(kind, subject, SecondReviewer, null, cancellationToken);
        }

        if (result.State != ReviewDecisionState.Approved)
        {
            throw new InvalidOperationException($"Demo data: {kind} {subject} was not approved: {result.Problem}");
        }
    }

    private async Task<Agency> AgencyAsync(string uscc, string name, string licence, int placements, int offset, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var agency = new Agency { Uscc = uscc, Name = name, LicenceNumber = licence, RegisteredBy = "agency", RegisteredAt = now, VerifiedBy = "specialist", VerifiedAt = now };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < placements; i++)
        {
            var id = IdNumber(offset + i);
            db.Placements.Add(new Placement
            {
                AgencyId = agency.Id,
                IdNumber = protector.Encrypt(id),
                IdNumberHash = protector.LookupHash(id),
                EmployerUscc = DemoCity.EnterpriseUscc,
                PlacedOn = new DateOnly(2020, 2, 10).AddDays(i % 90),
                Status = PlacementStatus.Confirmed,
                RecordedBy = "agency",
                RecordedAt = now,
                CheckedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return agency;
    }

    private static string IdNumber(int n)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"110102{1990 + (n % 10)}{1 + (n % 9):D2}{10 + (n % 18):D2}{n % 1000:D3}");
        return first17 + ResidentIdentityNumber.CheckCharacter(first17);
    }

    private static string Code(string first17) => first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
}
