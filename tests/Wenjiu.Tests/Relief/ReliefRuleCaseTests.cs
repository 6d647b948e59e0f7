using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Relief.Features.Calculate;
using Wenjiu.Relief.Rules;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// Runs every case of src/Modules/Wenjiu.Relief/Rules/tests/*.yaml through the calculator the API uses: the policy
/// staff's hand-worked figures against the engine.
/// </summary>
public sealed class ReliefRuleCaseTests
{
    private static readonly string CaseDirectory = Path.Combine(AppContext.BaseDirectory, "Relief", "Cases");

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(CaseDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var c in Load(file).Cases)
            {
                data.Add(Path.GetFileName(file), c.Name);
            }
        }

        return data;
    }

    [Fact]
    public void The_case_files_are_there_and_cover_every_category_and_the_window_months()
    {
        var all = Directory.GetFiles(CaseDirectory, "*.yaml").SelectMany(f => Load(f).Cases).ToList();

        Assert.True(all.Count >= 40, $"only {all.Count} cases found in {CaseDirectory}");
        foreach (var category in new[] { "sme", "large_or_other", "none" })
        {
            var months = all.Where(c => c.Expect.Category == category).Select(c => c.Month).ToHashSet();
            foreach (var month in new[] { "2020-01", "2020-02", "2020-06", "2020-07", "2020-12", "2021-01" })
            {
                Assert.True(months.Contains(month), $"no {category} case for {month}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_case_gives_the_hand_worked_figures(string file, string name)
    {
        var c = Load(Path.Combine(CaseDirectory, file)).Cases.Single(x => x.Name == name);
        var request = new CalculateRelief.Request { Month = c.Month, Employer = c.Employer, Employees = c.Employees };

        var outcome = CalculateRelief.Run(request, explain: false, ReliefRuleSet.Beijing2020, SmeSizeStandard.Default, Wenjiu.Relief.Localization.CalculatorText.English);

        var expect = c.Expect;
        if (expect.Error is not null)
        {
            Assert.False(outcome.IsValid, "the case expects an error");
            Assert.True(outcome.Errors.ContainsKey(expect.Error), $"expected an error on {expect.Error}, got {string.Join("; ", outcome.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
            return;
        }

        Assert.True(outcome.IsValid, string.Join("; ", outcome.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        var answer = outcome.Response!;
        if (expect.Category is not null)
        {
            Assert.Equal(expect.Category, answer.Category);
        }

        if (expect.SizeClass is not null)
        {
            Assert.Equal(expect.SizeClass, answer.SizeClass);
        }

        if (expect.Totals is not null)
        {
            AssertAmounts("totals", expect.Totals, answer.Totals);
        }

        foreach (var (insurance, amounts) in expect.Insurances ?? [])
        {
            AssertAmounts(insurance, amounts, answer.Insurances[insurance]);
        }

        foreach (var line in expect.Lines ?? [])
        {
            var actual = answer.Lines.Where(l => l.Employee == line.Employee && l.Insurance == line.Insurance && l.Party == line.Party && l.Kind == "rate").ToList();
            var where = $"{line.Employee} {line.Insurance} {line.Party}";
            var single = Assert.Single(actual);
            AssertIfGiven(where, "base", line.Base, single.Base);
            AssertIfGiven(where, "rate", line.Rate, single.Rate);
            AssertIfGiven(where, "due", line.Due, single.Due);
            AssertIfGiven(where, "relief", line.Relief, single.Relief);
            AssertIfGiven(where, "payable", line.Payable, single.Payable);
        }
    }

    private static void AssertAmounts(string where, ExpectedAmounts expected, CalculateRelief.AmountsAnswer actual)
    {
        AssertIfGiven(where, "employer_due", expected.EmployerDue, actual.EmployerDue);
        AssertIfGiven(where, "employer_relief", expected.EmployerRelief, actual.EmployerRelief);
        AssertIfGiven(where, "employer_payable", expected.EmployerPayable, actual.EmployerPayable);
        AssertIfGiven(where, "employee_payable", expected.EmployeePayable, actual.EmployeePayable);
    }

    private static void AssertIfGiven(string where, string what, decimal? expected, decimal? actual)
    {
        if (expected is not null)
        {
            Assert.True(expected == actual, $"{where} {what}: expected {expected}, got {actual}");
        }
    }

    private static CaseFile Load(string path) => Yaml.Deserialize<CaseFile>(File.ReadAllText(path));

    private sealed class CaseFile
    {
        public List<Case> Cases { get; set; } = [];
    }

    private sealed class Case
    {
        public string Name { get; set; } = "";

        public string? Month { get; set; }

        public CalculateRelief.EmployerRequest? Employer { get; set; }

        public List<CalculateRelief.EmployeeRequest>? Employees { get; set; }

        public Expectation Expect { get; set; } = new();
    }

    private sealed class Expectation
    {
        public string? Category { get; set; }

        public string? SizeClass { get; set; }

        public ExpectedAmounts? Totals { get; set; }

        public Dictionary<string, ExpectedAmounts>? Insurances { get; set; }

        public List<ExpectedLine>? Lines { get; set; }

        /// <summary>The field a bad request is refused on.</summary>
        public string? Error { get; set; }
    }

    private sealed class ExpectedAmounts
    {
        public decimal? EmployerDue { get; set; }

        public decimal? EmployerRelief { get; set; }

        public decimal? EmployerPayable { get; set; }

        public decimal? EmployeePayable { get; set; }
    }

    private sealed class ExpectedLine
    {
        public string Employee { get; set; } = "";

        public string Insurance { get; set; } = "";

        public string Party { get; set; } = "";

        public decimal? Base { get; set; }

        public decimal? Rate { get; set; }

        public decimal? Due { get; set; }

        public decimal? Relief { get; set; }

        public decimal? Payable { get; set; }
    }
}
