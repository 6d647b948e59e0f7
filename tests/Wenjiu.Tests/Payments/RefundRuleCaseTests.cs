using System.Globalization;
using Wenjiu.Payments.Rules;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Features.Calculate;
using Wenjiu.Relief.Rules;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wenjiu.Tests.Payments;

/// <summary>
/// Runs every case of src/Modules/Wenjiu.Payments/Rules/tests/refunds.yaml through the refund rule the batch uses, with
/// the relief module's category table (through its contract): hand-worked figures against the rule.
/// </summary>
public sealed class RefundRuleCaseTests
{
    private static readonly string CasePath = Path.Combine(AppContext.BaseDirectory, "Payments", "Cases", "refunds.yaml");

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static TheoryData<string> Cases() => new(Load().Cases.Select(c => c.Name));

    [Fact]
    public void The_cases_cover_every_reason_and_every_category()
    {
        var all = Load().Cases;

        Assert.All(RefundReasons.InOrder, reason => Assert.Contains(all, c => c.Expect.Reason == reason));
        Assert.All(new[] { "sme", "large_or_other", "none" }, category => Assert.Contains(all, c => c.Expect.Category == category));
        Assert.Contains(all, c => c.Expect.Eligible);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_refund_case_gives_the_hand_worked_answer(string name)
    {
        var c = Load().Cases.Single(x => x.Name == name);
        var p = RefundParameters.For(2019);
        var categories = new ReliefCategoriesForModules(ReliefRuleSet.Beijing2020);
        var size = Enum.Parse<SizeClass>(c.SizeClass, ignoreCase: true);

        var result = RefundRules.Judge(History(c), categories.CategoryOf(c.Uscc, size), p);

        var e = c.Expect;
        Assert.Equal(e.Category, RefundRules.CategoryCode(result.Category));
        Assert.Equal(e.Eligible, result.Eligible);
        Assert.Equal(e.Reason, result.Reason);
        Assert.Equal(e.Months ?? [], result.Months.Select(m => m.ToString()).ToList());
        if (e.LayoffRateGiven)
        {
            Assert.Equal(e.LayoffRate is null ? null : decimal.Parse(e.LayoffRate, CultureInfo.InvariantCulture), result.LayoffRateRounded);
        }

        Assert.Equal(e.UnemploymentPaid, result.UnemploymentPaid);
        Assert.Equal(e.Refund, result.Refund);
        Assert.Equal(e.FewerSeparations, result.FewerSeparations);
        Assert.NotEmpty(result.Trace);
    }

    [Fact]
    public void The_distressed_route_pays_six_months_of_the_average_benefit_per_insured_person()
    {
        // 6 × 1,651 = 9,906 yuan per insured (relief-rules.md); 12 insured → 118,872.00.
        Assert.Equal(118_872.00m, RefundRules.DistressedAmount(12, RefundParameters.For(2019)));
    }

    [Fact]
    public void A_year_the_parameter_files_do_not_cover_is_refused_naming_the_parameter()
    {
        var error = Assert.ThrowsAny<Exception>(() => RefundParameters.For(2020));

        Assert.Contains("refund.first_month", error.Message, StringComparison.Ordinal);
    }

    private static EmployerContributions History(RefundCase c)
    {
        var months = new List<ContributionMonth>();
        for (var m = new YearMonth(2019, 1); m <= new YearMonth(2019, 12); m = m.AddMonths(1))
        {
            var key = m.ToString();
            if (c.Missing?.Contains(key) == true)
            {
                continue;
            }

            var row = c.Changes?.FirstOrDefault(x => x.Month == key) ?? c.Month;
            months.Add(new ContributionMonth(m, 10, row.Due, row.Paid, row.UnemploymentPaid, row.Paid > 0 ? m.FirstDay.AddDays(14) : null));
        }

        return new EmployerContributions(c.Uscc, "software_it", "110108", Enum.Parse<SizeClass>(c.SizeClass, ignoreCase: true), c.Insured.Baseline, c.Insured.YearEnd, months);
    }

    private static CaseFile Load() => Yaml.Deserialize<CaseFile>(File.ReadAllText(CasePath));

    public sealed class CaseFile
    {
        public List<RefundCase> Cases { get; set; } = [];
    }

    public sealed class RefundCase
    {
        public string Name { get; set; } = "";

        public string Uscc { get; set; } = "";

        public string SizeClass { get; set; } = "";

        public Headcounts Insured { get; set; } = new();

        public MonthRow Month { get; set; } = new();

        public List<string>? Missing { get; set; }

        public List<MonthRow>? Changes { get; set; }

        public Expectation Expect { get; set; } = new();
    }

    public sealed class Headcounts
    {
        public int Baseline { get; set; }

        public int YearEnd { get; set; }
    }

    public sealed class MonthRow
    {
        public string? Month { get; set; }

        public decimal Due { get; set; }

        public decimal Paid { get; set; }

        public decimal UnemploymentPaid { get; set; }
    }

    public sealed class Expectation
    {
        private string? layoffRate;

        public string Category { get; set; } = "";

        public bool Eligible { get; set; }

        public string? Reason { get; set; }

        public List<string>? Months { get; set; }

        /// <summary>Written in the file as a number, or <c>null</c> for "no layoff rate" (absent: not checked).</summary>
        public string? LayoffRate
        {
            get => layoffRate;
            set
            {
                layoffRate = value;
                LayoffRateGiven = true;
            }
        }

        public bool LayoffRateGiven { get; private set; }

        public decimal UnemploymentPaid { get; set; }

        public decimal Refund { get; set; }

        public int? FewerSeparations { get; set; }
    }
}
