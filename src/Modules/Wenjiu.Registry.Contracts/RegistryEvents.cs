using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Registry.Contracts;

/// <summary>
/// A re-import registered a new insured employment spell (参保): a person began to be insured at an employer. Written
/// set-based by the import, in its merge transaction; a first load into an empty registry publishes none (ADR 0009).
/// </summary>
/// <param name="PersonId">The registry's number for the person (not the identity number, which stays in the registry).</param>
/// <param name="EndMonth">The last month, when the file already gave one.</param>
public sealed record InsuredSpellStarted(long PersonId, string Uscc, YearMonth StartMonth, YearMonth? EndMonth) : IDomainEvent
{
    public static string EventType => "registry.insured_spell_started";
}

/// <summary>A re-import gave a registered spell a last month it did not have, or another one (停保): the person left the employer.</summary>
public sealed record InsuredSpellEnded(long PersonId, string Uscc, YearMonth StartMonth, YearMonth EndMonth) : IDomainEvent
{
    public static string EventType => "registry.insured_spell_ended";
}
