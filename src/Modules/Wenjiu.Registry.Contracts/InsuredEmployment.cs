namespace Wenjiu.Registry.Domain;

/// <summary>An employer's registered facts as another module needs them to bill a month (no name, no personal data).</summary>
/// <param name="Revenue">Annual operating revenue, 10k yuan.</param>
/// <param name="TotalAssets">Total assets, 10k yuan.</param>
/// <param name="InjuryRate">The employer's own work-injury contribution rate, in percent (0.4 = 0.4%).</param>
/// <param name="SizeClass">The registry's SME size class, computed from the facts by the size standard.</param>
public sealed record InsuredEmployer(
    string Uscc, string Industry, string District, int Employees, decimal Revenue, decimal TotalAssets, decimal InjuryRate, SizeClass SizeClass);

/// <summary>
/// Declared wages, in whole fen (wages are kept to the fen, so this is exact), of spells of one employer active in a
/// month that lie together in the registry's storage. Usually all of the employer's spells; an employer whose spells
/// were stored apart (say, hires recorded months later) comes in more than one run.
/// </summary>
public sealed record InsuredWages(string Uscc, long[] WagesFen);

/// <summary>One insured person's spell active in a month, for per-person lines (the person by its registry id only).</summary>
public sealed record InsuredPersonWage(long PersonId, long SpellId, decimal Wage);

/// <summary>
/// What the registry tells other modules about insured employment, without them touching its tables (modules never
/// reference each other; DESIGN.md). Implemented by the registry: on PostgreSQL streaming binary COPY, elsewhere a
/// plain reader; nothing is gathered in memory on the registry's side.
/// </summary>
/// <remarks>
/// Why wages come in storage order and not sorted by employer: the spells' heap is in import order, so an employer-sorted
/// read is random I/O (about 35 s for a city month against under 5 s for the plain scan), and the relief assessment only
/// needs sums per employer, which do not care about order.
/// </remarks>
public interface IInsuredEmploymentSource
{
    /// <summary>Every registered employer's facts, streamed, in no particular order.</summary>
    IAsyncEnumerable<InsuredEmployer> ReadEmployersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The wages of every spell active in <paramref name="month"/> (<c>yyyymm</c>: started in or before it, not ended
    /// before it), streamed in storage order, grouped into runs of one employer.
    /// </summary>
    IAsyncEnumerable<InsuredWages> ReadWagesAsync(int month, CancellationToken cancellationToken = default);

    /// <summary>One employer's facts, or null when the registry has no such employer.</summary>
    Task<InsuredEmployer?> FindEmployerAsync(string uscc, CancellationToken cancellationToken = default);

    /// <summary>The spells of one employer active in <paramref name="month"/>, by person, for per-person lines.</summary>
    Task<IReadOnlyList<InsuredPersonWage>> ReadEmployeesAsync(string uscc, int month, CancellationToken cancellationToken = default);
}
