using Wenjiu.Platform.Events;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Contracts;

namespace Wenjiu.Payments.Features.Agencies;

/// <summary>
/// An HR agency's referral that the employer hired becomes the agency's placement (issue 10 §5: "their confirmed
/// placements feed the agency subsidy"), confirmed later from the person's insured spell as a listed placement is.
/// Only hires with a referring agency count; the placement date is the hire's day in Beijing. Idempotent: the outbox may
/// deliver the same hire twice (ADR 0009), and it is one placement.
/// </summary>
internal sealed class PlaceOnReferralHire(AgencySubsidies subsidies) : IEventHandler<FunnelStageReached>
{
    public async Task HandleAsync(FunnelStageReached message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Stage != FunnelStage.Hired || string.IsNullOrWhiteSpace(message.AgencyUscc))
        {
            return;
        }

        await subsidies.RecordReferralAsync(
            new ReferralHire(message.AgencyUscc, message.CandidateId, message.PersonId, message.Uscc, BeijingTime.DayOf(message.At)), cancellationToken);
    }
}
