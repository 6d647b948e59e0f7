using System.Numerics;
using System.Threading.Channels;
using Wenjiu.Relief.Billing;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Relief.Features.Scenarios;

/// <summary>
/// A scenario run's sums over its range of months: per month and report class (<see cref="ReportClasses.All"/>) the
/// insured and the summed bills, in fen (<see cref="MonthlyBilling.Width"/> figures each), under the baseline
/// (<see cref="ScenarioBilling.Baseline"/>) and under the scenario (<see cref="ScenarioBilling.Scenario"/>); per report
/// class the registered employers (with spells or not, the same in every month of one read).
/// </summary>
internal sealed class ScenarioSums
{
    private static readonly int Classes = ReportClasses.All.Count;

    public ScenarioSums(YearMonth first, int months)
    {
        First = first;
        Months = months;
        Employers = new int[Classes];
        InsuredCounts = new long[months * Classes];
        Bills = new long[2 * months * Classes * MonthlyBilling.Width];
    }

    public YearMonth First { get; }

    public int Months { get; }

    /// <summary>Registered employers per report class (index in <see cref="ReportClasses.All"/>).</summary>
    public int[] Employers { get; }

    internal long[] InsuredCounts { get; }

    internal long[] Bills { get; }

    public long Insured(int month, int reportClass) => InsuredCounts[(month * Classes) + reportClass];

    /// <summary>The sum of the bills of a side (<see cref="ScenarioBilling.Baseline"/> or <see cref="ScenarioBilling.Scenario"/>), month (offset from <see cref="First"/>) and report class.</summary>
    public ReadOnlySpan<long> Bill(int side, int month, int reportClass) => Bills.AsSpan(Offset(side, month, reportClass), MonthlyBilling.Width);

    internal int Offset(int side, int month, int reportClass) => ((((side * Months) + month) * Classes) + reportClass) * MonthlyBilling.Width;

    internal void Add(ScenarioSums other)
    {
        for (var i = 0; i < Bills.Length; i++)
        {
            Bills[i] += other.Bills[i];
        }

        for (var i = 0; i < InsuredCounts.Length; i++)
        {
            InsuredCounts[i] += other.InsuredCounts[i];
        }
    }
}

/// <summary>
/// The scenarios' engine over a range of months: the registry read once for the whole range in one snapshot
/// (<see cref="IInsuredEmploymentSource.OpenMonthsAsync"/>: every employer once, then every spell active in any month
/// of the range once, with the months it is active in), and each spell billed, as it streams past, in each of its months
/// under the baseline and under the scenario with the assessment's formulas (<see cref="MonthlyBilling.BillWage"/>),
/// straight into sums per month and report class. Sums of whole fen are exact whatever the order, so these are the sums
/// of the employers' bills (what the assessment stores, employer by employer) without keeping a bill per employer:
/// memory follows the number of employers (a few bytes each) and not the number of spells or of months. Consecutive
/// months whose rules bill a wage alike (<see cref="MonthlyBilling.BillsAlike"/>) are billed once per spell.
/// </summary>
internal static class ScenarioBilling
{
    public const int Baseline = 0;
    public const int Scenario = 1;

    public static async Task<ScenarioSums> BillAsync(
        IInsuredEmploymentSource source, ReliefRuleSet baseline, ReliefRuleSet scenario, YearMonth first, YearMonth last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(scenario);
        if (last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, "The last month cannot be before the first.");
        }

        var months = last.Ordinal - first.Ordinal + 1;
        var rules = new MonthRules(
            [.. new[] { baseline, scenario }.Select(r => Enumerable.Range(0, months).Select(m => new MonthlyBilling(r, first.AddMonths(m))).ToArray())]);
        await using var read = await source.OpenMonthsAsync(first, last, cancellationToken);
        var employers = new EmployerColumns();
        await foreach (var employer in read.ReadEmployersAsync(cancellationToken))
        {
            employers.Add(employer, rules.Billings);
        }

        employers.Seal();
        var sums = new ScenarioSums(first, months);
        foreach (var reportClass in employers.Classes)
        {
            sums.Employers[reportClass]++;
        }

        foreach (var partial in await ComputeAsync(read, employers, rules, first, months, cancellationToken))
        {
            sums.Add(partial);
        }

        return sums;
    }

    /// <summary>Per side, the month's billing, and whether a wage's bill must be computed afresh in a month (its rules differ from the month before's).</summary>
    private sealed class MonthRules
    {
        public MonthRules(MonthlyBilling[][] billings)
        {
            Billings = billings;
            Afresh = billings.Select(side => side.Select((b, m) => m == 0 || !b.BillsAlike(side[m - 1])).ToArray()).ToArray();
        }

        public MonthlyBilling[][] Billings { get; }

        public bool[][] Afresh { get; }
    }

    /// <summary>What a spell's bill needs of its employer, by position: report class, category under each side, own injury rate.</summary>
    private sealed class EmployerColumns
    {
        private readonly List<byte> classes = [];
        private readonly List<ReliefCategory> baselineCategories = [];
        private readonly List<ReliefCategory> scenarioCategories = [];
        private readonly List<long> injuryRates = [];

        /// <summary>Per employer the index of its report class in <see cref="ReportClasses.All"/>.</summary>
        public byte[] Classes { get; private set; } = [];

        /// <summary>Per side, per employer its relief category.</summary>
        public ReliefCategory[][] Categories { get; private set; } = [];

        public long[] InjuryRates { get; private set; } = [];

        public void Add(InsuredEmployer e, MonthlyBilling[][] billings)
        {
            // Every registered employer is counted in its class under the baseline rules, as the reports class it.
            classes.Add((byte)ReportClasses.Order(billings[Baseline][0].ReportClassOf(e.Uscc, e.SizeClass, out _)));
            baselineCategories.Add(billings[Baseline][0].CategoryOf(e.Uscc, e.SizeClass));
            scenarioCategories.Add(billings[Scenario][0].CategoryOf(e.Uscc, e.SizeClass));
            injuryRates.Add(MonthlyBilling.InjuryRateBillionths(e.InjuryRate, e.Uscc));
        }

        /// <summary>The columns as arrays, for the compute workers.</summary>
        public void Seal()
        {
            Categories = [[.. baselineCategories], [.. scenarioCategories]];
            InjuryRates = [.. injuryRates];
            Classes = [.. classes];
        }
    }

    /// <summary>The reader hands blocks of spells to one worker per core, each summing into its own sums (<see cref="ReaderAndWorkers"/>).</summary>
    private static async Task<ScenarioSums[]> ComputeAsync(
        IInsuredMonths read, EmployerColumns employers, MonthRules rules, YearMonth first, int months, CancellationToken cancellationToken)
    {
        var workers = ReaderAndWorkers.Workers(most: 4);
        var blocks = Channel.CreateBounded<InsuredSpells>(new BoundedChannelOptions(4 * workers) { SingleWriter = true });
        var partials = Enumerable.Range(0, workers).Select(_ => new ScenarioSums(first, months)).ToArray();

        async Task ReadAsync(CancellationToken token)
        {
            await foreach (var block in read.ReadSpellsAsync(token).WithCancellation(token))
            {
                await blocks.Writer.WriteAsync(block, token);
            }
        }

        async Task WorkAsync(int worker, CancellationToken token)
        {
            await foreach (var block in blocks.Reader.ReadAllAsync(token))
            {
                Bill(block, employers, rules, partials[worker]);
            }
        }

        await ReaderAndWorkers.RunAsync(ReadAsync, WorkAsync, workers, e => blocks.Writer.TryComplete(e), cancellationToken);
        return partials;
    }

    /// <summary>Bills every spell of <paramref name="spells"/> in each of its months under both sides into <paramref name="sums"/>.</summary>
    private static void Bill(InsuredSpells spells, EmployerColumns employers, MonthRules rules, ScenarioSums sums)
    {
        Span<long> line = stackalloc long[MonthlyBilling.Width];
        var classes = employers.Classes;
        var rates = employers.InjuryRates;
        var bills = sums.Bills;
        var insured = sums.InsuredCounts;
        var classCount = ReportClasses.All.Count;
        for (var r = 0; r < spells.Count; r++)
        {
            var k = spells.Employers[r];
            var from = spells.FromMonths[r];
            var to = spells.ToMonths[r];
            if ((uint)k >= (uint)classes.Length)
            {
                throw new InvalidOperationException($"A spell for employer position {k}, beyond the {classes.Length} employers read.");
            }

            if (from < 0 || to >= sums.Months || from > to)
            {
                throw new InvalidOperationException($"A spell active in months {from}…{to} of a range of {sums.Months}.");
            }

            var reportClass = classes[k];
            var wage = spells.WagesFen[r];
            var rate = rates[k];
            for (var m = from; m <= to; m++)
            {
                insured[(m * classCount) + reportClass]++;
            }

            for (var side = 0; side < 2; side++)
            {
                var category = employers.Categories[side][k];
                var billings = rules.Billings[side];
                var afresh = rules.Afresh[side];
                for (var m = from; m <= to; m++)
                {
                    if (m == from || afresh[m])
                    {
                        line.Clear();
                        billings[m].BillWage(category, rate, wage, line);
                    }

                    AddTo(bills.AsSpan(sums.Offset(side, m, reportClass), MonthlyBilling.Width), line);
                }
            }
        }
    }

    private static void AddTo(Span<long> sum, ReadOnlySpan<long> line)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= sum.Length - Vector<long>.Count; i += Vector<long>.Count)
            {
                (new Vector<long>(sum[i..]) + new Vector<long>(line[i..])).CopyTo(sum[i..]);
            }
        }

        for (; i < sum.Length; i++)
        {
            sum[i] += line[i];
        }
    }
}
