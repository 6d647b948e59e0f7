using Wenjiu.Relief.Billing;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Billing;

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

    public int InsuredOf(int k) => Insured[k];

    /// <summary>Clears the figures and counts (keeps the employers' inputs), to bill the same month again.</summary>
    public void Reset()
    {
        Array.Clear(Bills);
        Array.Clear(Insured);
    }

    public int Count => Employers.Count;

    public Span<long> Bill(int k) => Bills.AsSpan(k * MonthlyBilling.Width, MonthlyBilling.Width);

    /// <summary>Under an approved deferral the whole employer payable (after relief) of the month is deferred.</summary>
    public long Deferred(int k) => IsDeferred[k] ? EmployerPayable(Bill(k)) : 0;

    /// <summary>
    /// Bills the spells of <paramref name="wages"/> whose employer is this worker's (position modulo
    /// <paramref name="workers"/>, a power of two), each into its employer's bill: workers own disjoint employers, so they add without
    /// locks. Returns how many employers this call saw for the first time.
    /// </summary>
    public int Add(MonthlyBilling billing, InsuredWages wages, int worker, int workers)
    {
        ArgumentNullException.ThrowIfNull(billing);
        ArgumentNullException.ThrowIfNull(wages);
        if (workers <= 0 || (workers & (workers - 1)) != 0 || worker < 0 || worker >= workers)
        {
            throw new ArgumentOutOfRangeException(nameof(workers), workers, "Workers are a power of two, and the worker one of them.");
        }

        // A mask, not a division: this test runs for every spell on every worker.
        var mask = workers - 1;
        var firstSeen = 0;
        var employers = wages.Employers;
        var fen = wages.WagesFen;
        var count = wages.Count;
        for (var r = 0; r < count; r++)
        {
            var k = employers[r];
            if ((k & mask) != worker)
            {
                continue;
            }

            if ((uint)k >= (uint)Count)
            {
                throw new InvalidOperationException($"A wage for employer position {k}, beyond the {Count} employers read.");
            }

            // The spells come in storage order, so each bill is a cache miss: ask for one a few spells ahead now.
            if (r + PrefetchDistance < count)
            {
                Prefetch(employers[r + PrefetchDistance]);
            }

            firstSeen += Insured[k] == 0 ? 1 : 0;
            Insured[k]++;
            billing.BillWage(Categories[k], InjuryRates[k], fen[r], Bill(k));
        }

        return firstSeen;
    }

    private const int PrefetchDistance = 16;

    private unsafe void Prefetch(int k)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported || (uint)k >= (uint)Count)
        {
            return;
        }

        fixed (long* bill = &Bills[k * MonthlyBilling.Width])
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bill);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bill + 8);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bill + MonthlyBilling.Width - 1);
        }
    }

    public static long EmployerPayable(ReadOnlySpan<long> bill) => Total(bill, MonthlyBilling.EmployerPayable);

    /// <summary>One figure of a bill (<see cref="MonthlyBilling.EmployerDue"/> and the others) summed over the five insurances.</summary>
    public static long Total(ReadOnlySpan<long> bill, int figure)
    {
        long sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += bill[(i * MonthlyBilling.FiguresPerInsurance) + figure];
        }

        return sum;
    }
}
