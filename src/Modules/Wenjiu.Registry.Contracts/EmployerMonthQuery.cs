using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Contracts;

/// <summary>
/// One insured person's spell active in a contribution month: the declared wage, and for a single employer's month
/// the person's name and identity number already masked (never in clear: the relief module has no need of them).
/// </summary>
public sealed record InsuredWageFact(long PersonId, decimal Wage, string? MaskedName, string? MaskedIdNumber);

/// <summary>
/// What the registry knows of an employer for a contribution month (<c>yyyymm</c>): its registration facts as they are
/// now (industry, district, size facts, work-injury rate in percent) and the spells active that month.
/// </summary>
public sealed record EmployerMonthFacts(
    string Uscc,
    string Name,
    string Industry,
    string District,
    int Employees,
    decimal Revenue,
    decimal TotalAssets,
    decimal InjuryRatePercent,
    SizeClass SizeClass,
    int Month,
    IReadOnlyList<InsuredWageFact> Insured);

/// <summary>
/// The registry's employers and their insured wages month by month, for the relief module's statements and scenarios
/// (a module reads another's data only through its contracts). A spell is active in a month when it started on or
/// before it and has not ended before it.
/// </summary>
public interface IEmployerMonthQuery
{
    /// <summary>One employer's month with masked identities, or null when no such employer is registered.</summary>
    Task<EmployerMonthFacts?> GetEmployerMonthAsync(string uscc, int month, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every registered employer's month in code order, streamed (identities not read): employers with no active
    /// spell come with an empty list.
    /// </summary>
    IAsyncEnumerable<EmployerMonthFacts> ReadMonthAsync(int month, CancellationToken cancellationToken = default);
}
