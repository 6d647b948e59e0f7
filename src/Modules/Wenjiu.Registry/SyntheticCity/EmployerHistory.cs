using System.Globalization;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Registry.SyntheticCity;

/// <summary>The 2020 relief an employer's synthetic bill gets (relief-rules.md), roughly: by code prefix and class.</summary>
internal enum SyntheticReliefCategory
{
    Sme,
    LargeOrOther,
    None,
}

/// <summary>
/// One employer's history from 2018-01 to 2021-06, month by month, from its own random stream: separations and hires
/// at a realistic churn (about 2% a month each, hires pulled toward a headcount that grows 0.2% a month and is the
/// calibrated stock around 2020-02), wage changes (a new spell; the old one ends the month before), the 2020 shock
/// (February–April: many separations and few hires, hardest in catering, accommodation, retail and transport; a partial
/// recovery after), and the contribution month it gives: who was insured, what was billed, what was paid and when.
/// A few percent of employers are in arrears in some months (sometimes by a single fen) and a few percent are not
/// insured through the whole of 2019 (founded during it, or a suspension of some months), with no rows for those
/// months and no spells covering them.
/// </summary>
internal sealed class EmployerHistory(
    Random random, int index, string uscc, string industry, double meanWage, int stock, SyntheticReliefCategory category, decimal injuryRate)
{
    public static readonly YearMonth First = new(2018, 1);
    public static readonly YearMonth Last = new(2021, 6);
    private static readonly YearMonth Anchor = new(2020, 2);
    private static readonly YearMonth ShockEnd = new(2020, 4);
    private static readonly YearMonth RecoveryEnd = new(2020, 12);

    private static readonly HashSet<string> HardHit = new(StringComparer.Ordinal) { "catering", "accommodation", "retail", "transport" };

    /// <summary>Bases (yuan) of the reference rule set, used for every month: synthetic data, not the relief engine.</summary>
    private const long PensionFloor = 3_613, PensionCeiling = 26_541, InjuryFloor = 4_713, MedicalFloor = 5_360, MedicalCeiling = 29_732;

    private readonly List<SyntheticSpell> spells = new(stock * 2);
    private readonly List<SyntheticContribution> contributions = new(42);
    private readonly bool hardHit = HardHit.Contains(industry);
    private readonly long injuryThousandths = (long)Math.Round(injuryRate * 1000m);
    private int hired;

    /// <summary>A person in an open spell: who, since when, at what wage (whole yuan, as the generator declares them).</summary>
    private sealed class Open(long person, string idNumber, string name, YearMonth start, long wage)
    {
        public long Person { get; } = person;

        public string IdNumber { get; } = idNumber;

        public string Name { get; } = name;

        public YearMonth Start { get; set; } = start;

        public long Wage { get; set; } = wage;
    }

    public (IReadOnlyList<SyntheticSpell> Spells, IReadOnlyList<SyntheticContribution> Contributions) Run()
    {
        // A few not insured as a unit through the whole of 2019: founded during it, or suspended for some months of it.
        var shape = random.NextDouble();
        YearMonth? founded = shape < 0.02 ? new YearMonth(2019, 2 + random.Next(0, 10)) : null;
        (YearMonth From, YearMonth To)? suspension = null;
        if (shape is >= 0.02 and < 0.035)
        {
            var from = new YearMonth(2019, 2 + random.Next(0, 8));
            suspension = (from, from.AddMonths(random.Next(0, 3)));
        }

        var arrearsProne = random.NextDouble() < 0.04;
        var active = new List<Open>(stock + 8);
        if (founded is null)
        {
            for (var p = 0; p < Initial(); p++)
            {
                active.Add(Hire(First.AddMonths(-random.Next(1, 73)))); // started 2012-01 … 2017-12
            }
        }

        List<Open> suspended = [];
        for (var month = First; month <= Last; month = month.AddMonths(1))
        {
            if (founded is { } f && month < f)
            {
                continue;
            }

            if (founded == month)
            {
                for (var p = 0; p < Initial(); p++)
                {
                    active.Add(Hire(month));
                }
            }
            else if (suspension is { } gap && month == gap.From)
            {
                // The unit stops contributing: every spell ends the month before; the same people come back after.
                foreach (var open in active)
                {
                    End(open, month.AddMonths(-1));
                    open.Start = gap.To.AddMonths(1);
                }

                (suspended, active) = (active, []);
                continue;
            }
            else if (suspension is { } during && month > during.From && month <= during.To)
            {
                continue;
            }
            else if (suspension is { } after && month == after.To.AddMonths(1))
            {
                (active, suspended) = (suspended, []);
            }
            else
            {
                Churn(active, month);
            }

            if (active.Count > 0)
            {
                contributions.Add(Bill(active, month, arrearsProne));
            }
        }

        foreach (var open in active)
        {
            End(open, null);
        }

        return (spells, contributions);
    }

    /// <summary>The headcount at 2018-01 (or at founding) that grows into the calibrated stock around 2020-02.</summary>
    private int Initial() => Math.Max(1, (int)Math.Round(Target(First)));

    private double Target(YearMonth month) =>
        stock * (1 + (0.002 * (month.Ordinal - Anchor.Ordinal))) * (hardHit && month >= Anchor ? 0.92 : 1.0);

    /// <summary>Separations (the spell ends the month before), wage changes, then hires, for one month.</summary>
    private void Churn(List<Open> active, YearMonth month)
    {
        var (hire, separation, pull) = month < Anchor || month > RecoveryEnd
            ? (0.02, 0.02, 0.08)
            : month <= ShockEnd
            ? (hardHit ? (0.004, 0.07, 0.0) : (0.01, 0.03, 0.0))
            : (hardHit ? (0.025, 0.02, 0.04) : (0.022, 0.02, 0.06));
        for (var i = active.Count - 1; i >= 0; i--)
        {
            if (random.NextDouble() < separation)
            {
                End(active[i], month.AddMonths(-1));
                active.RemoveAt(i);
            }
        }

        foreach (var open in active)
        {
            if (random.NextDouble() < 0.01)
            {
                // A wage change is a new spell: the old one ends the month before (interchange.md).
                End(open, month.AddMonths(-1));
                open.Start = month;
                open.Wage = (long)Math.Round(open.Wage * (1.03 + (random.NextDouble() * 0.07)));
            }
        }

        var target = Target(month);
        var hires = Poisson((hire * target) + (pull * Math.Max(0, target - active.Count)));
        for (var h = 0; h < hires && active.Count < 2_000; h++)
        {
            if (hired == CityGenerator.PersonBlock)
            {
                break; // the employer's block of person numbers is used up (only the largest employers come near)
            }

            active.Add(Hire(month));
        }
    }

    private Open Hire(YearMonth start)
    {
        var person = CityGenerator.PersonIndex(index, hired++);
        var wage = (long)Math.Round(CityGenerator.LogNormal(random, meanWage, 0.42));
        return new Open(person, CityGenerator.MakeIdNumber(person), CityGenerator.PersonName(random), start, wage);
    }

    private void End(Open open, YearMonth? end) =>
        spells.Add(new SyntheticSpell(open.IdNumber, open.Name, uscc, open.Start.ToString(), end?.ToString(), open.Wage));

    /// <summary>
    /// The month's bill, approximated from the declared wages with the reference rates and bases (relief-rules.md) for
    /// every month, and the 2020 relief by category (employer pension, unemployment and work injury: none for SMEs
    /// 2020-02 … 2020-12, half for large and other units 2020-02 … 2020-06). Synthetic data, not the relief engine: the
    /// bases did change in 2019-07, and deferrals are not modelled. The unemployment part is exact: per person 0.8% +
    /// 0.2% of the clamped unemployment base, each line rounded to the fen, as the engine bills it.
    /// </summary>
    private SyntheticContribution Bill(List<Open> active, YearMonth month, bool arrearsProne)
    {
        var relief = month.Year == 2020 && month.Month >= 2
            ? category switch
            {
                SyntheticReliefCategory.Sme => 2,
                SyntheticReliefCategory.LargeOrOther when month.Month <= 6 => 1,
                _ => 0,
            }
            : 0;
        long due = 0, unemployment = 0;
        foreach (var open in active)
        {
            var pensionBase = Math.Clamp(open.Wage, PensionFloor, PensionCeiling);
            var injuryBase = Math.Clamp(open.Wage, InjuryFloor, PensionCeiling);
            var medicalBase = Math.Clamp(open.Wage, MedicalFloor, MedicalCeiling);

            // In fen: a yuan of base at 1% is one fen.
            var employerPension = pensionBase * 16;
            var employerUnemployment = Fen(pensionBase * 8, 10);
            var employerInjury = Fen(injuryBase * injuryThousandths, 1_000);
            var employeeUnemployment = Fen(pensionBase * 2, 10);
            (employerPension, employerUnemployment, employerInjury) = relief switch
            {
                2 => (0L, 0L, 0L),
                1 => (Fen(employerPension, 2), Fen(employerUnemployment, 2), Fen(employerInjury, 2)),
                _ => (employerPension, employerUnemployment, employerInjury),
            };
            due += employerPension + employerUnemployment + employerInjury
                + (medicalBase * 10) + Fen(medicalBase * 8, 10) // employer medical 10%, maternity 0.8%
                + (pensionBase * 8) + employeeUnemployment + (medicalBase * 2) + 300; // employee pension, unemployment, medical + 3 yuan
            unemployment += employerUnemployment + employeeUnemployment;
        }

        var paid = due;
        if (arrearsProne && due > 0 && random.NextDouble() < 0.12)
        {
            paid = random.NextDouble() < 0.35 ? due - 1 : (long)(due * random.NextDouble() * 0.9);
        }

        // What was paid of the unemployment part: all of it when paid in full, in proportion otherwise.
        var unemploymentPaid = paid == due ? unemployment : (long)((decimal)unemployment * paid / due);
        var paidOn = paid > 0 ? new DateOnly(month.Year, month.Month, 5 + random.Next(0, 21)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        return new SyntheticContribution(uscc, month.ToString(), active.Count, due / 100m, paid / 100m, unemploymentPaid / 100m, paidOn);
    }

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/> rounded half away from zero (both ≥ 0).</summary>
    private static long Fen(long numerator, long denominator) => ((numerator * 2) + denominator) / (denominator * 2);

    private int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 30)
        {
            // Normal approximation: Box–Muller.
            var z = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * z)));
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
