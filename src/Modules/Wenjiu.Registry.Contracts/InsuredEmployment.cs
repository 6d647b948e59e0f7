using Wenjiu.Platform.Periods;

namespace Wenjiu.Registry.Contracts;

/// <summary>An employer's registered facts as another module needs them to bill a month (no name, no personal data).</summary>
/// <param name="Revenue">Annual operating revenue, 10k yuan.</param>
/// <param name="TotalAssets">Total assets, 10k yuan.</param>
/// <param name="InjuryRate">The employer's own work-injury contribution rate, in percent (0.4 = 0.4%).</param>
/// <param name="SizeClass">The SME size class in force for the 2020 policy period (<see cref="PolicySizeClass.Current"/>): the
/// class published when the registry first classified the employer, unless an upheld objection moved it; later changes of
/// the facts above do not move it (relief-rules.md).</param>
public sealed record InsuredEmployer(
    string Uscc, string Industry, string District, int Employees, decimal Revenue, decimal TotalAssets, decimal InjuryRate, SizeClass SizeClass);

/// <summary>
/// A block of spells active in a month: for each, the position of its employer in the month's employer stream
/// (<see cref="IInsuredMonth.ReadEmployersAsync"/>) and its declared wage in whole fen (wages are kept to the fen, so
/// this is exact). The first <see cref="Count"/> entries are filled.
/// </summary>
public sealed record InsuredWages(int[] Employers, long[] WagesFen, int Count);

/// <summary>
/// One month read as one consistent snapshot: first every registered employer in code order, then every active spell's
/// wage tagged with its employer's position in that order. Dispose it to end the read.
/// </summary>
public interface IInsuredMonth : IAsyncDisposable
{
    IAsyncEnumerable<InsuredEmployer> ReadEmployersAsync(CancellationToken cancellationToken = default);

    /// <summary>Spells started in or before the month and not ended before it, in storage order, in blocks. Read after the employers.</summary>
    IAsyncEnumerable<InsuredWages> ReadWagesAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A block of spells active in at least one month of a range (<see cref="IInsuredEmploymentSource.OpenMonthsAsync"/>):
/// for each, its employer's position in the employer stream, its declared wage in whole fen, and the first and last
/// months of the range it is active in, as offsets from the range's first month (0 is the first month; first ≤ last).
/// The first <see cref="Count"/> entries are filled.
/// </summary>
public sealed record InsuredSpells(int[] Employers, long[] WagesFen, int[] FromMonths, int[] ToMonths, int Count);

/// <summary>
/// A range of months read as one consistent snapshot, for work that bills every month of a range (scenarios): every
/// registered employer once, in code order, then every spell active in any month of the range, once, with the months it
/// is active in. Dispose it to end the read.
/// </summary>
public interface IInsuredMonths : IAsyncDisposable
{
    IAsyncEnumerable<InsuredEmployer> ReadEmployersAsync(CancellationToken cancellationToken = default);

    /// <summary>Spells active in some month of the range, in storage order, in blocks. Read after the employers.</summary>
    IAsyncEnumerable<InsuredSpells> ReadSpellsAsync(CancellationToken cancellationToken = default);
}

/// <summary>An employer's registered name beside the facts its month is billed by, for pages about one employer.</summary>
public sealed record RegisteredEmployer(string Name, InsuredEmployer Facts);

/// <summary>
/// One insured person's spell active in a month, for per-person lines: the person by its registry id, and its name and
/// identity number already masked by the registry (never in clear: other modules have no need of them).
/// </summary>
public sealed record InsuredPersonWage(long PersonId, YearMonth StartMonth, decimal Wage, string MaskedName, string MaskedIdNumber);

/// <summary>
/// What the registry tells other modules about insured employment, without them touching its tables (modules never
/// reference each other; DESIGN.md): the one read contract of the relief module's assessment, statements and scenarios. Implemented by the registry: on PostgreSQL streaming binary COPY inside one
/// read-only snapshot, elsewhere a plain reader; nothing is gathered in memory on the registry's side.
/// </summary>
/// <remarks>
/// Why wages come in storage order, tagged with an employer position, and not sorted by employer: the spells' heap is in
/// import order (by person), so an employer-sorted read is random I/O (about 35 s for a city month against under 5 s for
/// the plain scan), and a code per row would cost the reader a string per spell. The relief assessment only needs sums
/// per employer, which do not care about order.
/// </remarks>
public interface IInsuredEmploymentSource
{
    /// <summary>Opens a consistent read of <paramref name="month"/>.</summary>
    Task<IInsuredMonth> OpenMonthAsync(YearMonth month, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens one consistent read of the months <paramref name="firstMonth"/> to <paramref name="lastMonth"/> (in order):
    /// the spells are read once for the whole range, not once per month.
    /// </summary>
    Task<IInsuredMonths> OpenMonthsAsync(YearMonth firstMonth, YearMonth lastMonth, CancellationToken cancellationToken = default);

    /// <summary>One employer's name and facts as they are now, or null when the registry has no such employer.</summary>
    Task<RegisteredEmployer?> FindEmployerAsync(string uscc, CancellationToken cancellationToken = default);

    /// <summary>
    /// The registered names of the employers among <paramref name="usccs"/> (codes the registry does not know are left
    /// out), in one read: for lists that show names beside codes, such as the deferrals.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FindNamesAsync(IReadOnlyCollection<string> usccs, CancellationToken cancellationToken = default);

    /// <summary>
    /// The spells of one employer active in <paramref name="month"/>, by person then start month, each person masked:
    /// for per-person lines (the assessment's employer lines, the enterprise's statement).
    /// </summary>
    Task<IReadOnlyList<InsuredPersonWage>> ReadEmployeesAsync(string uscc, YearMonth month, CancellationToken cancellationToken = default);
}

/// <summary>The registry's records other modules may link to from its pages (<c>Wenjiu.Platform.Web.RecordLink</c>).</summary>
public static class RegistryRecords
{
    /// <summary>An employer's page; the key is its unified social credit code.</summary>
    public const string Employer = "registry.employer";
}
