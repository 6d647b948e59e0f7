using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// The month's bills of every registered employer, kept while the wages stream past: per employer its category, report
/// class and own work-injury rate (decided once), the number of insured and the running sums in whole fen
/// (<see cref="MonthlyBilling.Width"/> figures). Its size follows the number of employers, never the number of spells.
/// Employers are at the positions the registry's month read gives them (code order).
/// </summary>
internal sealed class EmployerLedger
{
    public EmployerLedger(IReadOnlyList<InsuredEmployer> employers, MonthlyBilling billing, IReadOnlySet<string> deferredEmployers)
    {
        ArgumentNullException.ThrowIfNull(employers);
        ArgumentNullException.ThrowIfNull(billing);
        ArgumentNullException.ThrowIfNull(deferredEmployers);
        Employers = employers;
        var n = employers.Count;
        Categories = new ReliefCategory[n];
        InjuryRates = new long[n];
        ReportClasses = new string[n];
        SizeClasses = new string?[n];
        IsDeferred = new bool[n];
        Insured = new int[n];
        Bills = new long[(long)n * MonthlyBilling.Width];
        for (var k = 0; k < n; k++)
        {
            var e = employers[k];
            Categories[k] = billing.CategoryOf(e.Uscc, e.SizeClass);
            InjuryRates[k] = MonthlyBilling.InjuryRateBillionths(e.InjuryRate, e.Uscc);
            ReportClasses[k] = billing.ReportClassOf(e.Uscc, e.SizeClass, out var sizeClass);
            SizeClasses[k] = sizeClass;
            IsDeferred[k] = deferredEmployers.Contains(e.Uscc);
        }
    }

    public IReadOnlyList<InsuredEmployer> Employers { get; }

    public ReliefCategory[] Categories { get; }

    public long[] InjuryRates { get; }

    public string[] ReportClasses { get; }

    public string?[] SizeClasses { get; }

    public bool[] IsDeferred { get; }

    public int[] Insured { get; }

    public long[] Bills { get; }

    public int Count => Employers.Count;

    public Span<long> Bill(int k) => Bills.AsSpan(k * MonthlyBilling.Width, MonthlyBilling.Width);

    /// <summary>Under an approved deferral the whole employer payable (after relief) of the month is deferred.</summary>
    public long Deferred(int k) => IsDeferred[k] ? EmployerPayable(Bill(k)) : 0;

    /// <summary>
    /// Bills the spells of <paramref name="wages"/> whose employer is this worker's (position modulo
    /// <paramref name="workers"/>), each into its employer's bill: workers own disjoint employers, so they add without
    /// locks. Returns how many employers this call saw for the first time.
    /// </summary>
    public int Add(MonthlyBilling billing, InsuredWages wages, int worker, int workers)
    {
        ArgumentNullException.ThrowIfNull(billing);
        ArgumentNullException.ThrowIfNull(wages);
        var firstSeen = 0;
        var employers = wages.Employers;
        var fen = wages.WagesFen;
        for (var r = 0; r < wages.Count; r++)
        {
            var k = employers[r];
            if (k % workers != worker)
            {
                continue;
            }

            if ((uint)k >= (uint)Count)
            {
                throw new InvalidOperationException($"A wage for employer position {k}, beyond the {Count} employers read.");
            }

            firstSeen += Insured[k] == 0 ? 1 : 0;
            Insured[k]++;
            billing.Bill(Categories[k], InjuryRates[k], fen.AsSpan(r, 1), Bill(k));
        }

        return firstSeen;
    }

    public static long EmployerPayable(ReadOnlySpan<long> bill)
    {
        long sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += bill[(i * MonthlyBilling.FiguresPerInsurance) + MonthlyBilling.EmployerPayable];
        }

        return sum;
    }
}
