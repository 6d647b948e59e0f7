namespace Wenjiu.Registry.Contracts;

/// <summary>
/// A person as other modules may see them: the registry's number and masked particulars. The identity number never
/// leaves the registry unmasked (issue 10 §2); modules keep <see cref="Id"/> and ask here.
/// </summary>
/// <param name="Id">The registry's person number (the same one <see cref="InsuredSpellStarted"/> carries).</param>
/// <param name="MaskedIdNumber">The identity number masked as the platform masks it (first six and last four characters shown).</param>
/// <param name="MaskedName">The registered name masked as the platform masks names.</param>
public sealed record PersonRecord(long Id, string MaskedIdNumber, string MaskedName, DateOnly BirthDate, Gender Gender);

/// <summary>
/// One person record per identity number, however the person arrives (a job seeker's registration, a returning
/// migrant worker's, an unemployment registration, the insurance import): the registry finds the person by the keyed
/// hash of the number and registers them when new. Every call that is handed an identity number is audited (masked,
/// with who asked and why).
/// </summary>
public interface IPersonRecords
{
    /// <summary>
    /// The person with this identity number, registered with <paramref name="name"/> when new (the birth date and gender
    /// come from the number). Throws <see cref="ArgumentException"/> naming the problem when the number is not valid
    /// (<see cref="ResidentIdentityNumber.Validate"/>). Safe under concurrent calls for the same number: one record.
    /// </summary>
    /// <param name="source">Who brings the person and why, for the audit log (e.g. "recruitment: seeker registration by seeker1").</param>
    Task<PersonRecord> EnsureAsync(string idNumber, string name, string source, CancellationToken cancellationToken = default);

    /// <summary>
    /// The bulk path (seed's <c>seekers.csv</c>, a province's roster): each valid identity number mapped to its person
    /// number, registering the new ones set-based. Invalid numbers are left out of the answer (the caller reports them).
    /// One audit entry for the batch, with its size and source.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> EnsureManyAsync(IReadOnlyList<(string IdNumber, string Name)> persons, string source, CancellationToken cancellationToken = default);

    /// <summary>The persons with these numbers (those that exist), masked.</summary>
    Task<IReadOnlyDictionary<long, PersonRecord>> FindAsync(IReadOnlyCollection<long> personIds, CancellationToken cancellationToken = default);
}
