using System.Net;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Relief.Domain;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// The enterprise's view (issue 3 §5). The employer is a small software company (45 employees, revenue 1,200 — small:
/// ≥ 10 employees and ≥ 50 revenue, short of medium's 100 employees) with one employee, 张三丰, at 8,000.00 a month.
/// Its 2020-02 bill, by hand (SME: employer pension, unemployment and work injury exempt):
///   pension      8,000 × 16%   = 1,280.00 due, all relief; employee 8,000 × 8%  = 640.00
///   unemployment 8,000 × 0.8%  =    64.00 due, all relief; employee 8,000 × 0.2% = 16.00
///   work injury  8,000 × 0.4%  =    32.00 due, all relief (its own rate); employee 0
///   medical      8,000 × 10%   =   800.00 payable;          employee 8,000 × 2% + 3 = 163.00
///   maternity    8,000 × 0.8%  =    64.00 payable;          employee 0
///   employer due 2,240.00, relief 1,376.00, payable 864.00; employees 819.00.
/// </summary>
public sealed class EmployerStatementTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_sees_its_bill_per_insurance_its_category_and_the_size_thresholds(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        var html = await enterprise.GetPageAsync($"/Relief/Statements/{own}?culture=en");

        Assert.Contains("北京小软件有限公司", html, StringComparison.Ordinal);
        Assert.Contains("id=\"category-name\">SME (exempt)", html, StringComparison.Ordinal);
        Assert.Contains("Classified by size as Small.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"size-class\">Small", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"size-tests\">", html, StringComparison.Ordinal);
        Assert.Contains("≥ 100", html, StringComparison.Ordinal); // the medium threshold it missed
        Assert.Contains("<tr data-insurance=\"pension\">", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">1,280.00</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-total=\"relief\">1,376.00", html, StringComparison.Ordinal);
        Assert.Contains("data-total=\"payable\">864.00", html, StringComparison.Ordinal);
        Assert.Contains("data-total=\"deferred\">0.00", html, StringComparison.Ordinal);
        Assert.Contains("class=\"statement-month\" id=\"month-2020-02\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_month_statement_recomputes_each_line_with_its_trace_and_masks_the_person(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        var html = await enterprise.GetPageAsync($"/Relief/Statements/Month/{own}/2020-02?culture=en");

        Assert.Contains("<span class=\"person-name\">张**</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰", html, StringComparison.Ordinal);
        Assert.Matches("<code class=\"person-id\">\\d{6}\\*{8}\\w{4}</code>", html);
        Assert.Contains("payable = round(1280.00 × factor 0 (sme), fen) = 0.00", html, StringComparison.Ordinal);
        Assert.Contains("<code>relief.payable_factor.sme.pension</code>", html, StringComparison.Ordinal);
        Assert.Contains("人社部发〔2020〕11号", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"recompute-differs\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_reads_each_parameters_official_document_and_only_staff_read_the_research_note(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.Reviewer);

        var theirs = await enterprise.GetPageAsync($"/Relief/Statements/Month/{own}/2020-02");
        var ours = await staff.GetPageAsync($"/Relief/Statements/Month/{own}/2020-02");

        Assert.Contains("<cite class=\"official-source\">人社部发〔2020〕11号《关于阶段性减免企业社会保险费的通知》（人力资源社会保障部 财政部 税务总局，2020-02-20）第一条", theirs, StringComparison.Ordinal);
        Assert.Contains("国办发〔2019〕13号", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("research-note", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("waihuizhishiwang.com", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("tax100.com", theirs, StringComparison.Ordinal);
        Assert.Contains("class=\"research-note\" data-confidence=\"Low\"", ours, StringComparison.Ordinal);
        Assert.Contains("waihuizhishiwang.com", ours, StringComparison.Ordinal);
        Assert.Contains(">单位应缴（减免前）（元）</th>", theirs, StringComparison.Ordinal);
        Assert.Contains(">缴费基数（元）</th>", theirs, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_month_statement_says_so_when_the_registry_changed_since_the_assessment(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await ArrangeAsync(factory);
        var person = await RegistryData.AddPersonAsync(factory, "李四", RegistryData.NewIdNumber());
        await RegistryData.AddSpellAsync(factory, person.Id, own, 202002, wage: 9_000m);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        var html = await enterprise.GetPageAsync($"/Relief/Statements/Month/{own}/2020-02");

        Assert.Contains("id=\"recompute-differs\"", html, StringComparison.Ordinal);
        Assert.Contains("data-total=\"relief\">1,376.00", html, StringComparison.Ordinal); // the assessed bill stands
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_gets_404_for_another_employers_statement(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await ArrangeAsync(factory);
        var other = await ArrangeAsync(factory, "北京别家软件有限公司", version: 2);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        using var statement = await enterprise.GetAsync($"/Relief/Statements/{other}");
        using var month = await enterprise.GetAsync($"/Relief/Statements/Month/{other}/2020-02");

        Assert.Equal(HttpStatusCode.NotFound, statement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, month.StatusCode);
        Assert.DoesNotContain("北京别家软件有限公司", await statement.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Staff_may_open_any_employers_statement_and_a_month_never_assessed_is_404(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var employer = await ArrangeAsync(factory);
        using var staff = await SignedInClient.CreateAsync(factory, Roles.ServiceSpecialist);

        using var lookup = await staff.GetAsync($"/Relief/Statements?code={employer.ToLowerInvariant()}");
        var html = await staff.GetPageAsync($"/Relief/Statements/{employer}");
        using var unassessed = await staff.GetAsync($"/Relief/Statements/Month/{employer}/2020-05");

        Assert.Equal($"/Relief/Statements/{employer}", Forms.Location(lookup));
        Assert.Contains("北京小软件有限公司", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unassessed.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_enterprise_user_finds_its_statement_in_the_navigation(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var own = await ArrangeAsync(factory);
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, own);

        var home = await enterprise.GetPageAsync("/");
        using var bare = await enterprise.GetAsync("/Relief/Statements");

        Assert.Contains($"id=\"nav-relief-my-statement\" href=\"/Relief/Statements/{own}\"", home, StringComparison.Ordinal);
        Assert.Equal($"/Relief/Statements/{own}", Forms.Location(bare));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_statement_prints_each_month_on_a_page_of_its_own(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        using var client = factory.CreateClient();

        var css = await client.GetStringAsync("/css/site.css");

        var print = css[css.LastIndexOf("@media print", StringComparison.Ordinal)..];
        Assert.Contains(".statement-month { break-before: page;", print, StringComparison.Ordinal);
    }

    /// <summary>The employer in the registry with its one employee, and its assessed 2020-02 bill as worked out above.</summary>
    internal static async Task<string> ArrangeAsync(WenjiuFactory factory, string name = "北京小软件有限公司", int version = 1)
    {
        var employer = await RegistryData.AddEmployerAsync(factory, name, industry: "software_it", employees: 45, revenue: 1_200m, totalAssets: 800m);
        var person = await RegistryData.AddPersonAsync(factory, "张三丰", RegistryData.NewIdNumber());
        await RegistryData.AddSpellAsync(factory, person.Id, employer.Uscc, 201901, wage: 8_000m);
        await ReliefData.AddRunAsync(factory, 202002, current: version == 1, version: version, new EmployerAssessment
        {
            Uscc = employer.Uscc,
            Category = "sme",
            ReportClass = "small",
            SizeClass = "small",
            District = employer.District,
            Industry = employer.Industry,
            Insured = 1,
            PensionEmployerDue = 1_280m, PensionEmployerRelief = 1_280m, PensionEmployerPayable = 0m, PensionEmployeePayable = 640m,
            UnemploymentEmployerDue = 64m, UnemploymentEmployerRelief = 64m, UnemploymentEmployerPayable = 0m, UnemploymentEmployeePayable = 16m,
            WorkInjuryEmployerDue = 32m, WorkInjuryEmployerRelief = 32m, WorkInjuryEmployerPayable = 0m, WorkInjuryEmployeePayable = 0m,
            MedicalEmployerDue = 800m, MedicalEmployerRelief = 0m, MedicalEmployerPayable = 800m, MedicalEmployeePayable = 163m,
            MaternityEmployerDue = 64m, MaternityEmployerRelief = 0m, MaternityEmployerPayable = 64m, MaternityEmployeePayable = 0m,
        });
        return employer.Uscc;
    }
}
