using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Relief;

/// <summary>POST /api/v1/relief/calculate through the real host: anonymous, the documented shape, problem details naming the field.</summary>
// One provider: the calculator reads no table, so one host (on PostgreSQL) serves the whole class.
public sealed class CalculateReliefApiTests : IClassFixture<CalculateReliefApiTests.Host>
{
    private const string Small = """{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 45, "revenue": 1200, "total_assets": 800, "injury_rate": 0.4, "size_class": null }""";
    private readonly Host host;

    public CalculateReliefApiTests(Host host) => this.host = host;

    [Fact]
    public async Task An_anonymous_caller_gets_the_bill_with_every_line_explained()
    {
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, Request("2020-02", Small, """[ { "id": "a", "wage": 8000.00 }, { "id": "b", "wage": 30000 } ]"""), explain: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("sme", root.GetProperty("category").GetString());
        Assert.Equal("small", root.GetProperty("size_class").GetString());
        Assert.Contains("employees 45 < 100", root.GetProperty("size_class_why").GetString(), StringComparison.Ordinal);
        // Hand-worked in Rules/tests/bases-and-rounding.yaml ("Totals are sums of rounded lines").
        Assert.Equal(10016.11m, root.GetProperty("totals").GetProperty("employer_due").GetDecimal());
        Assert.Equal(5941.05m, root.GetProperty("totals").GetProperty("employer_relief").GetDecimal());
        Assert.Equal(4075.06m, root.GetProperty("totals").GetProperty("employer_payable").GetDecimal());
        Assert.Equal(3593.00m, root.GetProperty("totals").GetProperty("employee_payable").GetDecimal());
        Assert.Equal(5526.56m, root.GetProperty("insurances").GetProperty("pension").GetProperty("employer_relief").GetDecimal());
        Assert.Equal(22, root.GetProperty("lines").GetArrayLength());

        var pension = root.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("employee").GetString() == "b" && l.GetProperty("insurance").GetString() == "pension" && l.GetProperty("party").GetString() == "employer");
        Assert.Equal(26541.00m, pension.GetProperty("base").GetDecimal());
        Assert.Equal(4246.56m, pension.GetProperty("due").GetDecimal());
        Assert.Equal(0.00m, pension.GetProperty("payable").GetDecimal());
        var trace = pension.GetProperty("trace");
        Assert.Contains("payable factor", trace.GetProperty("formula").GetString(), StringComparison.Ordinal);
        var rate = trace.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "pension.employer_rate");
        Assert.Equal(0.16m, rate.GetProperty("value").GetDecimal());
        Assert.Equal("2019-07", rate.GetProperty("from").GetString());
        // The official document, never the research page or our confidence in it: the calculator is public.
        Assert.StartsWith("国办发〔2019〕13号《关于印发降低社会保险费率综合方案的通知》（国务院办公厅，2019-04-01）", rate.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.False(rate.TryGetProperty("url", out _));
        Assert.False(rate.TryGetProperty("confidence", out _));
        var factor = trace.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "relief.payable_factor.sme.pension");
        Assert.Equal("2020-02", factor.GetProperty("from").GetString());
        Assert.Equal(30000m, trace.GetProperty("inputs").GetProperty("wage").GetDecimal());
    }

    [Fact]
    public async Task Without_explain_the_lines_carry_no_trace()
    {
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, Request("2020-02", Small, """[ { "id": "a", "wage": 8000 } ]"""), explain: false);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(json.RootElement.GetProperty("lines").EnumerateArray(), l => Assert.False(l.TryGetProperty("trace", out _)));
    }

    [Theory]
    [InlineData("""{ "uscc": "91110108MA01AB3C2X", "industry": "software_it", "employees": 45, "revenue": 1200, "total_assets": 800, "injury_rate": 0.4 }""", "2020-02", """[ { "id": "a", "wage": 8000 } ]""", "employer.uscc", "should be D")]
    [InlineData("""{ "uscc": "91110108MA01AB3C2D", "industry": "mining", "employees": 45, "revenue": 1200, "total_assets": 800, "injury_rate": 0.4 }""", "2020-02", """[ { "id": "a", "wage": 8000 } ]""", "employer.industry", "mining")]
    [InlineData(Small, "2020-02", """[ { "id": "a", "wage": 8000 }, { "id": "b", "wage": -1 } ]""", "employees[1].wage", "not negative")]
    [InlineData(Small, "2020-13", """[ { "id": "a", "wage": 8000 } ]""", "month", "YYYY-MM")]
    [InlineData(Small, "Feb 2020", """[ { "id": "a", "wage": 8000 } ]""", "month", "YYYY-MM")]
    [InlineData(Small, "2019-06", """[ { "id": "a", "wage": 8000 } ]""", "month", "2019-06")]
    [InlineData(Small, "2020-02", """[ { "id": "a", "wage": "lots" } ]""", "employees[0].wage", "wrong type")]
    [InlineData("""{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 45, "revenue": 1200, "total_assets": 800 }""", "2020-02", """[ { "id": "a", "wage": 8000 } ]""", "employer.injury_rate", "percent")]
    public async Task Bad_input_is_a_problem_details_400_naming_the_field(string employer, string month, string employees, string field, string says)
    {
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, Request(month, employer, employees), explain: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error on {field}: {errors}");
        Assert.Contains(says, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Small, """[ { "id": "a", "wage": 1e17 } ]""", "employees[0].wage", "below 10,000,000,000 yuan")]
    [InlineData(Small, """[ { "id": "a", "wage": 100000000000000000 } ]""", "employees[0].wage", "below 10,000,000,000 yuan")]
    [InlineData(Small, """[ { "id": "a", "wage": 10000000000 } ]""", "employees[0].wage", "below 10,000,000,000 yuan")]
    [InlineData(Small, """[ { "id": "a", "wage": 1e30 } ]""", "employees[0].wage", "out of range")]
    [InlineData(Small, """[ { "id": "a", "wage": -1e17 } ]""", "employees[0].wage", "not negative")]
    [InlineData(Small, """[ { "id": "a", "wage": "NaN" } ]""", "employees[0].wage", "never NaN")]
    [InlineData(Small, """[ { "id": "a", "wage": "Infinity" } ]""", "employees[0].wage", "never NaN")]
    [InlineData("""{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 45, "revenue": 1e17, "total_assets": 800, "injury_rate": 0.4 }""", """[ { "id": "a", "wage": 8000 } ]""", "employer.revenue", "below 10,000,000,000,000,000")]
    [InlineData("""{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 45, "revenue": 1200, "total_assets": 1e30, "injury_rate": 0.4 }""", """[ { "id": "a", "wage": 8000 } ]""", "employer.total_assets", "out of range")]
    [InlineData("""{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 2000000000, "revenue": 1200, "total_assets": 800, "injury_rate": 0.4 }""", """[ { "id": "a", "wage": 8000 } ]""", "employer.employees", "at most 10,000,000")]
    [InlineData("""{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 1e17, "revenue": 1200, "total_assets": 800, "injury_rate": 0.4 }""", """[ { "id": "a", "wage": 8000 } ]""", "employer.employees", "out of range")]
    [InlineData("""{ "uscc": "91110108MA01AB3C2D", "industry": "software_it", "employees": 45, "revenue": 1200, "total_assets": 800, "injury_rate": 1e17 }""", """[ { "id": "a", "wage": 8000 } ]""", "employer.injury_rate", "between 0 and 100")]
    public async Task Every_amount_is_bounded_and_one_out_of_bounds_is_a_400_naming_its_field(string employer, string employees, string field, string says)
    {
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, Request("2020-02", employer, employees), explain: true);

        var (errors, _) = await ProblemOf(response);
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error on {field}: {errors}");
        Assert.Contains(says, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_wage_accepted_is_computed_on_the_base_ceiling()
    {
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, Request("2020-02", Small, """[ { "id": "a", "wage": 9999999999.99 } ]"""), explain: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var pension = json.RootElement.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("insurance").GetString() == "pension");
        Assert.Equal(26541.00m, pension.GetProperty("base").GetDecimal());
    }

    [Theory]
    [InlineData("zh-CN", "申报月工资须小于 10,000,000,000 元", "请求中有错误")]
    [InlineData(null, "申报月工资须小于 10,000,000,000 元", "请求中有错误")]
    [InlineData("en-GB,en;q=0.9", "a declared monthly wage is below 10,000,000,000 yuan", "The request has errors")]
    public async Task The_same_bad_request_is_answered_in_the_callers_language(string? language, string message, string title)
    {
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, Request("2020-02", Small, """[ { "id": "a", "wage": 1e17 } ]"""), explain: false, language);

        var (errors, answeredTitle) = await ProblemOf(response);
        Assert.Equal(message, errors.GetProperty("employees[0].wage")[0].GetString());
        Assert.Equal(title, answeredTitle);
    }

    [Fact]
    public async Task A_month_no_parameter_covers_names_the_parameter()
    {
        using var client = host.Factory.CreateClient();

        using var response = await Post(client, Request("2019-06", Small, """[ { "id": "a", "wage": 8000 } ]"""), explain: false);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("has no value in force for 2019-06", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_overrides_a_parameter_for_this_calculation_only()
    {
        using var client = host.Factory.CreateClient();
        const string large = """{ "uscc": "91110108MA01AB3C2D", "injury_rate": 0.4, "size_class": "large" }""";
        const string scenario = """{ "name": "halve-large-to-december", "parameters": { "relief.payable_factor.large_or_other.pension": [ { "from": "2019-07", "to": "2020-01", "value": 1 }, { "from": "2020-02", "to": "2020-12", "value": 0.5 }, { "from": "2021-01", "value": 1 } ] } }""";

        using var withScenario = await Post(client, Request("2020-09", large, """[ { "id": "a", "wage": 10000 } ]""", scenario), explain: false);
        using var baseline = await Post(client, Request("2020-09", large, """[ { "id": "a", "wage": 10000 } ]"""), explain: false);

        // Pension 10000 × 0.16 = 1600.00, halved in the scenario: relief 800.00; the baseline pays in full in September.
        using var s = JsonDocument.Parse(await withScenario.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await baseline.Content.ReadAsStringAsync());
        Assert.Equal(800.00m, s.RootElement.GetProperty("totals").GetProperty("employer_relief").GetDecimal());
        Assert.Equal("halve-large-to-december", s.RootElement.GetProperty("scenario").GetString());
        Assert.Equal(0m, b.RootElement.GetProperty("totals").GetProperty("employer_relief").GetDecimal());
    }

    [Fact]
    public async Task A_scenario_with_a_gap_is_refused_naming_the_parameter()
    {
        using var client = host.Factory.CreateClient();
        const string scenario = """{ "name": "broken", "parameters": { "relief.payable_factor.sme.pension": [ { "from": "2019-07", "to": "2020-01", "value": 1 }, { "from": "2020-03", "value": 0 } ] } }""";

        using var response = await Post(client, Request("2020-02", Small, """[ { "id": "a", "wage": 8000 } ]""", scenario), explain: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scenario.parameters.relief.payable_factor.sme.pension", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calculator_is_described_in_the_api_document()
    {
        using var client = host.Factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));

        Assert.Contains("/api/v1/relief/calculate", document, StringComparison.Ordinal);
        Assert.Contains("injury_rate", document, StringComparison.Ordinal);
    }

    private static string Request(string month, string employer, string employees, string scenario = "null") =>
        $$"""{ "month": "{{month}}", "employer": {{employer}}, "employees": {{employees}}, "scenario": {{scenario}} }""";

    /// <summary>In English unless told otherwise: most tests read the English messages.</summary>
    private static async Task<HttpResponseMessage> Post(HttpClient client, string json, bool explain, string? language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/relief/calculate{(explain ? "?explain=true" : "")}", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    private static async Task<(JsonElement Errors, string Title)> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("errors").Clone(), json.RootElement.GetProperty("title").GetString()!);
    }

    /// <summary>One host for the class: the calculator reads no database, so tests cannot disturb each other.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public WenjiuFactory Factory { get; private set; } = null!;

        public async Task InitializeAsync() => Factory = await WenjiuFactory.CreateAsync();

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
