using Wenjiu.Platform.Events;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Payments.Features.Agencies;

/// <summary>
/// A new insured spell at an employer may confirm placements waiting there (relief-rules.md: the spell's first month is
/// the placement's month or one of the next two). Idempotent: confirming again changes nothing, and a claim is opened at
/// most once per tier.
/// </summary>
internal sealed class ConfirmPlacementsOnNewSpell(AgencySubsidies subsidies) : IEventHandler<InsuredSpellStarted>
{
    public Task HandleAsync(InsuredSpellStarted message, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return subsidies.ConfirmAtEmployerAsync(message.Uscc, cancellationToken);
    }
}
