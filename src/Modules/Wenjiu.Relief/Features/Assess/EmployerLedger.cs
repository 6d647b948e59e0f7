using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Features.Assess;

/// <summary>
/// The month's bills of every registered employer, kept while the wages stream past: per employer its category, report
/// class and own work-injury rate (decided once), the number of insured and the running sums in whole fen
/// (<see cref="MonthlyBilling.Width"/> figures). Its size follows the number of employers, never the number of spells.
/// </summary>
internal sealed class EmployerLedger
{
    private readonly Dictionary<string, int> index;

    public EmployerLedger(IReadOnlyList<InsuredEmployer> employers, MonthlyBilling billing, IReadOnlySet<string> deferredEmployers)
    {
        ArgumentNullException.ThrowIfNull(employers);
        ArgumentNullException.ThrowIfNull(billing);
        ArgumentNullException.ThrowIfNull(deferredEmployers);
        Employers = employers;
        var n = employers.Count;
        index = new Dictionary<string, int>(n, StringComparer.Ordinal);
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
            index.Add(e.Uscc, k);
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

    public int IndexOf(string uscc) =>
        index.TryGetValue(uscc, out var k) ? k : throw new InvalidOperationException($"Wages for employer {uscc}, which the registry does not list.");

    public Span<long> Bill(int k) => Bills.AsSpan(k * MonthlyBilling.Width, MonthlyBilling.Width);

    /// <summary>Under an approved deferral the whole employer payable (after relief) of the month is deferred.</summary>
    public long Deferred(int k) => IsDeferred[k] ? EmployerPayable(Bill(k)) : 0;

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

/// <summary>
/// A few thousand runs of wages on their way from the reader to a compute worker and back: each run's bill is computed
/// into the batch (in parallel with other batches), then added to the ledger by one thread.
/// </summary>
internal sealed class WageBatch
{
    public const int Capacity = 4_096;

    public List<InsuredWages> Runs { get; } = new(Capacity);

    public int[] Employer { get; } = new int[Capacity];

    public long[] Bills { get; } = new long[Capacity * MonthlyBilling.Width];

    public int Count => Runs.Count;

    public bool IsFull => Runs.Count == Capacity;

    public void Clear() => Runs.Clear();

    /// <summary>Bills each run with its employer's category and rate (reads the ledger, writes only the batch).</summary>
    public void Compute(MonthlyBilling billing, EmployerLedger ledger)
    {
        Array.Clear(Bills, 0, Count * MonthlyBilling.Width);
        for (var r = 0; r < Count; r++)
        {
            var k = ledger.IndexOf(Runs[r].Uscc);
            Employer[r] = k;
            billing.Bill(ledger.Categories[k], ledger.InjuryRates[k], Runs[r].WagesFen, Bills.AsSpan(r * MonthlyBilling.Width, MonthlyBilling.Width));
        }
    }

    /// <summary>Adds the runs' bills to their employers' (one thread at a time); returns how many employers were new.</summary>
    public int AddTo(EmployerLedger ledger)
    {
        var firstSeen = 0;
        for (var r = 0; r < Count; r++)
        {
            var k = Employer[r];
            firstSeen += ledger.Insured[k] == 0 ? 1 : 0;
            ledger.Insured[k] += Runs[r].WagesFen.Length;
            var bill = ledger.Bill(k);
            var add = Bills.AsSpan(r * MonthlyBilling.Width, MonthlyBilling.Width);
            for (var f = 0; f < MonthlyBilling.Width; f++)
            {
                bill[f] += add[f];
            }
        }

        return firstSeen;
    }
}
