using Wenjiu.Relief.Features.Calculate;

namespace Wenjiu.Tests.Relief;

/// <summary><c>wenjiu relief calculate FILE.json</c>: the API's bounds, refused with exit 1 and the field named (English).</summary>
public sealed class CalculateReliefCommandTests : IClassFixture<CalculateReliefApiTests.Host>
{
    private readonly CalculateReliefApiTests.Host host;

    public CalculateReliefCommandTests(CalculateReliefApiTests.Host host) => this.host = host;

    private const string Employer = """{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 45, "revenue": 1200, "total_assets": 800, "injury_rate": 0.4 }""";

    [Theory]
    [InlineData("1e17", "below 10,000,000,000 yuan")]
    [InlineData("1e30", "out of range")]
    [InlineData("-5", "not negative")]
    [InlineData("\"NaN\"", "never NaN")]
    public async Task A_wage_out_of_bounds_exits_1_naming_the_field(string wage, string says)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, $$"""{ "month": "2020-02", "employer": {{Employer}}, "employees": [ { "id": "a", "wage": {{wage}} } ] }""");
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await ReliefCommand.CalculateAsync(host.Factory.Services, new FileInfo(file), explain: false, output, error, CancellationToken.None);

            Assert.Equal(1, exit);
            Assert.Contains("employees[0].wage", error.ToString(), StringComparison.Ordinal);
            Assert.Contains(says, error.ToString(), StringComparison.Ordinal);
            Assert.Equal("", output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
