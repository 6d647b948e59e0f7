using Wenjiu.Ledger.Rules;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wenjiu.Tests.Ledger;

/// <summary>The urgency rule's published cases (src/Modules/Wenjiu.Ledger/Rules/tests/urgency.yaml), each run against the parameter file.</summary>
public sealed class LedgerRuleCaseTests
{
    private static readonly string CasePath = Path.Combine(AppContext.BaseDirectory, "Ledger", "Cases", "urgency.yaml");

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static TheoryData<string> Names() => new(Load().Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Urgency_case(string name)
    {
        var c = Load().Cases.Single(x => x.Name == name);
        var category = LedgerRules.ParseCategory(c.Category) ?? throw new InvalidOperationException($"unknown category {c.Category}");

        Assert.Equal(c.Expect, LedgerRules.Urgency(c.Headcount, DateOnly.Parse(c.StartOn, System.Globalization.CultureInfo.InvariantCulture), category, DateOnly.Parse(c.Today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_target_times_are_read_from_the_parameters()
    {
        var day = new DateOnly(2020, 2, 10);
        Assert.Equal(TimeSpan.FromHours(24), LedgerRules.FirstContactTarget(day));
        Assert.Equal(TimeSpan.FromDays(5), LedgerRules.StageTarget(global::Wenjiu.Recruitment.Contracts.FunnelStage.Applied, day));
        Assert.Null(LedgerRules.StageTarget(global::Wenjiu.Recruitment.Contracts.FunnelStage.Hired, day));
        Assert.Equal(TimeSpan.FromDays(7), LedgerRules.ConfirmationWindow(day));
    }

    private static CaseFile Load() => Yaml.Deserialize<CaseFile>(File.ReadAllText(CasePath));

    public sealed class CaseFile
    {
        public List<UrgencyCase> Cases { get; set; } = [];
    }

    public sealed class UrgencyCase
    {
        public string Name { get; set; } = "";

        public string Today { get; set; } = "";

        public string StartOn { get; set; } = "";

        public int Headcount { get; set; }

        public string Category { get; set; } = "";

        public decimal Expect { get; set; }
    }
}
