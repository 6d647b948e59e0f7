using Wenjiu.Relief.Billing;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Rules;

namespace Wenjiu.Tests.Relief;

/// <summary>The assessment's bill is the calculator's totals, to the fen: one set of formulas (ContributionRules).</summary>
public sealed class MonthlyBillingTests
{
    [Theory]
    [InlineData("91", 2020, 2, 0.4)]
    [InlineData("91", 2020, 7, 1.275)]
    [InlineData("92", 2020, 12, 0.2)]
    [InlineData("51", 2020, 4, 0.55)]
    [InlineData("12", 2020, 2, 0.9)]
    [InlineData("91", 2021, 1, 0.4)]
    [InlineData("91", 2020, 1, 2.85)]
    public void A_bill_equals_the_calculators_totals_for_the_same_wages_per_insurance(string prefix, int year, int month, double injuryRate)
    {
        var rules = ReliefRuleSet.Beijing2020;
        var yearMonth = new YearMonth(year, month);
        var random = new Random(year * 100 + month);
        var wages = Enumerable.Range(0, 500).Select(_ => decimal.Round((decimal)(random.NextDouble() * 40_000), random.Next(0, 3))).ToList();
        wages.AddRange([0m, 3_613m, 3_612.99m, 26_541m, 26_541.01m, 29_732m, 0.01m]);
        foreach (var sizeClass in Enum.GetValues<SizeClass>())
        {
            var uscc = Registry.RegistryData.NewUscc(prefix);
            var rate = (decimal)injuryRate;
            var calculation = ReliefCalculator.Calculate(
                rules,
                new EmployerMonth(yearMonth, new EmployerFacts(uscc, rate, sizeClass, null, null), wages.Select((w, i) => new InsuredWage($"p{i}", w)).ToList()),
                SmeSizeStandard.Default,
                explain: false);

            var billing = new MonthlyBilling(rules, yearMonth);
            var bill = new long[MonthlyBilling.Width];
            var fen = wages.Select(w => (long)(w * 100)).ToArray();
            billing.Bill(billing.CategoryOf(uscc, sizeClass), MonthlyBilling.InjuryRateBillionths(rate, uscc), fen.AsSpan(0, 200), bill); // a run of wages, then wage by wage: both add the calculator's lines
            foreach (var wage in fen.AsSpan(200))
            {
                billing.BillWage(billing.CategoryOf(uscc, sizeClass), MonthlyBilling.InjuryRateBillionths(rate, uscc), wage, bill);
            }

            Assert.Equal(calculation.Category.Category, billing.CategoryOf(uscc, sizeClass));
            foreach (var insurance in ReliefNames.Insurances)
            {
                var at = (int)insurance * MonthlyBilling.FiguresPerInsurance;
                var expected = calculation.Insurances[insurance];
                Assert.Equal(
                    (expected.EmployerDue, expected.EmployerRelief, expected.EmployerPayable, expected.EmployeePayable),
                    (bill[at] / 100m, bill[at + 1] / 100m, bill[at + 2] / 100m, bill[at + 3] / 100m));
            }
        }
    }

    [Theory]
    [InlineData(5, 3)] // 0.05 × 0.5 = 0.025 → 0.03
    [InlineData(15, 8)] // 0.15 × 0.5 = 0.075 → 0.08
    [InlineData(-15, -8)] // half away from zero on the negative side too
    [InlineData(14, 7)]
    public void Halving_rounds_half_away_from_zero_to_the_fen(long fen, long expected)
    {
        Assert.Equal(expected, ContributionRules.RelievedLinePaysTheFullAmountTimesThePayableFactor(fen, ContributionRules.RateScale / 2));
    }

    [Fact]
    public void A_value_that_is_not_whole_fen_or_billionths_is_refused_not_rounded()
    {
        Assert.Throws<ArgumentException>(() => ContributionRules.Fen(3_613.005m, "pension.base_floor"));
        Assert.Throws<ArgumentException>(() => ContributionRules.Billionths(0.1234567891m, "pension.employer_rate"));
        Assert.Equal(160_000_000, ContributionRules.Billionths(0.16m, "pension.employer_rate"));
        Assert.Equal(-1234, ContributionRules.Fen(-12.34m, "x"));
        Assert.Equal(-12.34m, ContributionRules.Yuan(-1234));
    }
}
