using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;

namespace Wenjiu.Tests.Domain;

public sealed class SyntheticCityTests
{
    private static readonly List<(SyntheticEmployer Employer, IReadOnlyList<SyntheticSpell> Spells)> DemoCity =
        Enumerable.Range(0, CityScale.Demo.Employers).Select(new CityGenerator(2020).Generate).ToList();

    [Fact]
    public void The_same_seed_gives_the_same_city()
    {
        var again = new CityGenerator(2020).Generate(123);
        var other = new CityGenerator(7).Generate(123);

        Assert.Equal(DemoCity[123].Employer, again.Employer);
        Assert.Equal(DemoCity[123].Spells, again.Spells);
        Assert.NotEqual(DemoCity[123].Employer, other.Employer);
    }

    [Fact]
    public void The_city_is_the_same_in_every_process()
    {
        // Pinned from one run: a generator seeded from a per-process randomised hash would fail here.
        var first = new CityGenerator(2020).Generate(0);

        Assert.Equal("91110102190237577N", first.Employer.Uscc);
        Assert.Equal(5, first.Spells.Count);
        Assert.Equal("370105196109157748", first.Spells[0].IdNumber);
    }

    [Fact]
    public void Every_generated_code_and_identity_number_is_valid_and_unique()
    {
        Assert.All(DemoCity, e => Assert.True(UnifiedSocialCreditCode.IsValid(e.Employer.Uscc), e.Employer.Uscc));
        Assert.Equal(DemoCity.Count, DemoCity.Select(e => e.Employer.Uscc).Distinct().Count());

        var people = DemoCity.SelectMany(e => e.Spells).GroupBy(s => s.IdNumber).ToList();
        Assert.All(people, p => Assert.True(ResidentIdentityNumber.IsValid(p.Key), p.Key));
        Assert.All(people, p => Assert.Single(p.Select(s => (s.Uscc, s.Name)).Distinct()));
    }

    [Fact]
    public void The_demo_city_has_about_30000_insured_in_February_2020()
    {
        var active = DemoCity.SelectMany(e => e.Spells).Count(ActiveIn202002);

        Assert.InRange(active, 25_000, 35_000);
    }

    [Fact]
    public void Large_employers_are_few_and_hold_about_18_percent_of_the_insured()
    {
        var classified = DemoCity.Select(e => (e, Class: SmeSizeStandard.Default.Classify(e.Employer.Industry, new SizeFacts(e.Employer.Employees, e.Employer.Revenue, e.Employer.TotalAssets)).Class)).ToList();
        var large = classified.Where(c => c.Class == SizeClass.Large).ToList();
        var insured = DemoCity.Sum(e => e.Spells.Count(ActiveIn202002));
        var insuredLarge = large.Sum(c => c.e.Spells.Count(ActiveIn202002));

        Assert.InRange(large.Count, 2, 20);
        Assert.InRange((double)insuredLarge / insured, 0.10, 0.28);
    }

    [Fact]
    public void Declared_wages_average_near_the_calibration_figures()
    {
        var large = DemoCity.Where(e => e.Spells.Count >= 100 && IsLargeByDesign(e.Employer)).SelectMany(e => e.Spells).Where(ActiveIn202002).Average(s => s.Wage);
        var sme = DemoCity.Where(e => !IsLargeByDesign(e.Employer)).SelectMany(e => e.Spells).Where(ActiveIn202002).Average(s => s.Wage);

        Assert.InRange(large, 12_100m * 0.9m, 12_100m * 1.1m);
        Assert.InRange(sme, 7_200m * 0.95m, 7_200m * 1.05m);
    }

    [Fact]
    public void Spells_of_one_person_at_one_employer_never_overlap()
    {
        foreach (var person in DemoCity.SelectMany(e => e.Spells).GroupBy(s => (s.IdNumber, s.Uscc)))
        {
            var ordered = person.OrderBy(s => s.StartMonth, StringComparer.Ordinal).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(string.CompareOrdinal(ordered[i - 1].EndMonth, ordered[i].StartMonth) < 0, $"{person.Key}: {ordered[i - 1]} overlaps {ordered[i]}");
            }
        }
    }

    private static bool IsLargeByDesign(SyntheticEmployer e) =>
        SmeSizeStandard.Default.Classify(e.Industry, new SizeFacts(e.Employees, e.Revenue, e.TotalAssets)).Class == SizeClass.Large;

    private static bool ActiveIn202002(SyntheticSpell s) =>
        string.CompareOrdinal(s.StartMonth, "2020-02") <= 0 && (s.EndMonth is null || string.CompareOrdinal(s.EndMonth, "2020-02") >= 0);
}
