using System.Diagnostics;
using System.Net;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Wenjiu.Tests.Site;

/// <summary>
/// Issue 7 §1: the site visited as every demo role (README.md) and as a visitor, on both databases. Each crawl starts
/// from the home page and the detail pages of one record of each kind (<see cref="SiteRecords"/>), with and without
/// query filters, and follows every link, redirect and GET form within the site; no answer may be 5xx.
/// </summary>
public sealed class CrawlTests(ITestOutputHelper output)
{
    /// <summary>The demo roles of README.md, in its order.</summary>
    public static readonly string[] DemoRoles =
    [
        Roles.Administrator, Roles.PolicyOfficer, Roles.Reviewer, Roles.ServiceSpecialist, Roles.LabourInspector,
        Roles.Enterprise, Roles.HrAgency, Roles.JobSeeker, Roles.ProvinceLiaison,
    ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task No_page_any_role_can_reach_answers_a_server_error(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        var records = await SiteRecords.ArrangeAsync(factory);
        using var crawler = new SiteCrawler();
        crawler.Samples["name"] = "单位";
        crawler.Samples["code"] = records.OwnEmployer;
        crawler.Samples["uscc"] = records.OwnEmployer;
        crawler.Samples["district"] = "110105";
        crawler.Samples["month"] = SiteRecords.Month;
        crawler.Samples["from"] = SiteRecords.Month;
        crawler.Samples["to"] = SiteRecords.Month;
        crawler.Samples["actor"] = "tester";
        crawler.Samples["action"] = "relief";
        crawler.Samples["record"] = records.OwnEmployer;
        crawler.Samples["pageSize"] = "1";
        crawler.Samples["page_size"] = "1";
        var seeds = Seeds(records);
        var clock = Stopwatch.StartNew();


        var clients = new List<(string Who, SignedInClient Client)> { ("visitor", SignedInClient.Anonymous(factory)) };
        foreach (var role in DemoRoles)
        {
            clients.Add((role, await SignedInClient.CreateAsync(factory, role, role == Roles.Enterprise ? records.OwnEmployer : null)));
        }

        // The administrator sees the most pages: once more in English, whose texts and formats are other resources.
        var english = await SignedInClient.CreateAsync(factory, Roles.Administrator);
        english.Cookies.Add(new Uri("http://localhost"), new Cookie(".AspNetCore.Culture", Uri.EscapeDataString("c=en|uic=en")));
        clients.Add(($"{Roles.Administrator} (en)", english));

        // Three users at a time, as a small office would: the pages' queries overlap as they do in use.
        var visits = new List<CrawlVisit>();
        foreach (var batch in clients.Chunk(3))
        {
            var crawls = await Task.WhenAll(batch.Select(c => crawler.CrawlAsync(c.Who, c.Client.Http, seeds)));
            visits.AddRange(crawls.SelectMany(c => c));
        }

        foreach (var (_, client) in clients)
        {
            client.Dispose();
        }

        output.WriteLine($"{visits.Count} answers in {clock.Elapsed.TotalSeconds:0.0} s on {provider}; the slowest:");
        foreach (var slow in visits.OrderByDescending(v => v.Took).Take(10))
        {
            output.WriteLine($"  {slow.Took.TotalMilliseconds:0} ms {slow}");
        }

        var failures = visits.Where(v => v.Status >= 500).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {visits.Count} answers were server errors on {provider}:\n  " + string.Join("\n  ", failures));
        Assert.True(visits.Count(v => v.Status == 200) > 200, $"The crawl reached only {visits.Count(v => v.Status == 200)} pages: " + string.Join("\n  ", visits));
    }

    /// <summary>
    /// Where every crawl starts: the home page, one record of each kind with and without filters, paging at its limits,
    /// and the API's GETs behind the pages (the report's downloads, a run's progress).
    /// </summary>
    private static List<string> Seeds(SiteRecords r)
    {
        var a = r.OwnEmployer;
        var b = r.OtherEmployer;
        var max = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            "/",
            "/Registry/Employers",
            $"/Registry/Employers?name=单位&code={a[..8]}&district=110105&industry=software_it&size=small&key=false&pageSize=1&pageNumber=2",
            $"/Registry/Employers?pageNumber={max}&pageSize=100",
            $"/Registry/Employers/Detail/{a}",
            $"/Registry/Employers/Detail/{a}?employeesPage=2",
            $"/Registry/Employers/Detail/{a}?employeesPage={max}",
            $"/Registry/Employers/Detail/{b}",
            "/Registry/Employers/Detail/91110000000000000X",
            $"/Registry/Employers/Edit/{a}",
            "/Registry/Employers/Edit",
            "/Registry/Persons/Lookup",
            "/Registry/Imports",
            $"/Registry/Imports/Status/{r.ImportRunId}",
            $"/Relief/Statements",
            $"/Relief/Statements?code={a}",
            $"/Relief/Statements/{a}",
            $"/Relief/Statements/{b}",
            $"/Relief/Statements/Month/{a}/{SiteRecords.Month}",
            $"/Relief/Statements/Month/{a}/{SiteRecords.Month}?page=2",
            $"/Relief/Statements/Month/{a}/{SiteRecords.Month}?page={max}",
            $"/Relief/Statements/Month/{a}/2020-13",
            $"/Relief/Statements/Month/{a}/2019-01",
            "/Relief/Dashboard",
            $"/Relief/Dashboard?month={SiteRecords.Month}",
            "/Relief/Dashboard?month=2031-01",
            "/Relief/Reports",
            $"/Relief/Reports?from={SiteRecords.Month}&to={SiteRecords.Month}&by=month&by=size_class&by=district&by=industry&by=sector&size_class=small&district=110105&industry=software_it",
            "/Relief/Reports?from=2020-12&to=2020-01",
            "/Relief/Assessments",
            $"/Relief/Assessments/Run/{r.AssessmentRunId}",
            $"/Relief/Assessments/Diff?month={SiteRecords.Month}&from=1&to=2",
            $"/Relief/Assessments/Diff?month={SiteRecords.Month}&from=1&to={max}",
            "/Relief/Assessments/Diff?month=2020-99&from=1&to=2",
            "/Relief/Deferrals",
            "/Relief/Scenarios",
            $"/Relief/Scenarios/Detail/{r.ScenarioId}",
            $"/Relief/Scenarios/Edit/{r.ScenarioId}",
            "/Relief/Scenarios/Edit?example=extend-large-halving",
            "/Relief/Scenarios/Edit?example=none",
            $"/Relief/Scenarios/Run/{r.ScenarioRunId}",
            "/Admin/Audit",
            "/Admin/Audit?Search.From=2020-01-01&Search.To=2099-12-31",
            $"/Admin/Audit?Search.Actor=tester&Search.Action=relief&Search.Record={a}&Search.PageNumber=2",
            $"/Admin/Audit?Search.PageNumber={max}",
            "/Admin/Users",
            $"/Admin/Users/Employer?id={r.EnterpriseUserId}",
            "/Admin/Users/Create",
            "/Account/TwoFactor",
            "/Account/SignIn",
            "/Account/SignInCode",
            "/Account/Denied",
            $"/api/v1/employers?name=单位&district=110105&page=2&page_size=1",
            $"/api/v1/employers?page={max}&page_size=100",
            $"/api/v1/employers/{a}",
            $"/api/v1/imports/{r.ImportRunId}",
            $"/api/v1/imports/{r.ImportRunId}/errors.csv",
            $"/api/v1/relief/reports/relief?month={SiteRecords.Month}&by=size_class,district,industry,sector",
            $"/api/v1/relief/reports/relief?from={SiteRecords.Month}&to={SiteRecords.Month}&by=month,size_class&format=csv",
            $"/api/v1/relief/reports/relief?month={SiteRecords.Month}&by=district&format=xlsx",
            "/api/v1/relief/assessments",
            $"/api/v1/relief/assessments?month={SiteRecords.Month}",
            $"/api/v1/relief/assessments/{r.AssessmentRunId}",
            $"/api/v1/relief/assessments/diff?month={SiteRecords.Month}&from=1&to=2",
            "/api/v1/relief/deferrals",
            $"/api/v1/relief/deferrals?uscc={a}",
            $"/api/v1/relief/scenario-runs/{r.ScenarioRunId}",
            "/api/v1/openapi.json",
            "/healthz",
            "/readyz",
        ];
    }
}
