using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.Modules;
using Wenjiu.Recruitment.Demo;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Recruitment;

/// <summary>
/// The enterprise's posting form and the seeker's own pages as plain forms without JavaScript (issue 10 §2–§3), over
/// the same use cases as the API; and demo mode's seekers from the synthetic city's generator.
/// </summary>
public sealed class RecruitmentFormPageTests
{
    private static List<KeyValuePair<string, string>> PostingFields(string key, string titleZh = "软件开发工程师", string payMin = "9000", string payMax = "15000") =>
    [
        new("idempotency_key", key), new("Form.TitleZh", titleZh), new("Form.TitleEn", "Software developer"), new("Form.Occupation", "software_engineer"),
        new("Form.Skills", "java"), new("Form.District", RecruitmentData.Chaoyang), new("Form.PayMin", payMin), new("Form.PayMax", payMax),
        new("Form.Education", "bachelor"), new("Form.DescriptionZh", "负责后端开发"), new("Form.DescriptionEn", ""),
    ];

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_posting_form_sent_twice_with_its_key_publishes_one_posting_that_the_edit_form_then_changes(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer.Uscc);
        const string Form = "/Recruitment/Postings/Edit";
        var key = SignedInClient.HiddenValue(await enterprise.GetPageAsync(Form), "idempotency_key");

        using var first = await enterprise.PostFormAsync(Form, Form, PostingFields(key));
        using var resent = await enterprise.PostFormAsync(Form, Form, PostingFields(key));
        var posting = await RecruitmentData.RecruitmentAsync(factory, db => db.Postings.AsNoTracking().SingleAsync());
        var edit = $"/Recruitment/Postings/Edit/{posting.Id}";
        var shown = await enterprise.GetPageAsync(edit);
        using var edited = await enterprise.PostFormAsync(edit, edit, PostingFields("", titleZh: "高级软件开发工程师", payMin: "12,000", payMax: "20000"));
        var list = await enterprise.GetPageAsync("/Recruitment/Postings");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal((employer.Name, "java", PostingStatus.Open), (posting.EmployerName, posting.Skills, posting.Status));
        Assert.Contains("value=\"软件开发工程师\"", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var changed = await RecruitmentData.RecruitmentAsync(factory, db => db.Postings.AsNoTracking().SingleAsync());
        Assert.Equal(("高级软件开发工程师", 12_000m, 20_000m), (changed.TitleZh, changed.PayMin, changed.PayMax));
        Assert.Contains($"id=\"edit-{posting.Id}\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posting_form_with_mistakes_shows_each_message_beside_its_field_and_publishes_nothing()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite, RecruitmentData.NoDispatch);
        var employer = await RegistryData.AddEmployerAsync(factory, "北京明德软件有限公司");
        using var enterprise = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employer.Uscc);
        const string Form = "/Recruitment/Postings/Edit";
        var key = SignedInClient.HiddenValue(await enterprise.GetPageAsync(Form), "idempotency_key");
        var fields = PostingFields(key, titleZh: "", payMin: "九千", payMax: "100");
        fields.RemoveAll(f => f.Key is "Form.Occupation" or "Form.TitleEn");

        using var refused = await enterprise.PostFormAsync(Form, Form, fields);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Form_TitleZh-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Form_Occupation-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Form_PayMin-error\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Form_Occupation\"", html, StringComparison.Ordinal);
        Assert.Contains("请选择职业", html, StringComparison.Ordinal);
        Assert.Equal(key, SignedInClient.HiddenValue(html, "idempotency_key"));
        Assert.Equal(0, await RecruitmentData.RecruitmentAsync(factory, db => db.Postings.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_seeker_registers_with_the_form_changes_the_profile_adds_and_removes_resume_lines_and_turns_recommendations_off(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        const string Profile = "/Recruitment/Seekers/Profile";
        const string Resume = "/Recruitment/Seekers/Resume";
        List<KeyValuePair<string, string>> profile =
        [
            new("Form.IdNumber", RegistryData.NewIdNumber()), new("Form.Name", "王小红"), new("Form.Phone", "13912345678"), new("Form.Kind", "migrant_worker"),
            new("Form.District", RecruitmentData.Haidian), new("Form.Education", "senior_middle"), new("Form.OriginCounty", "130124"),
            new("Form.WantedOccupations", "cook"), new("Form.WantedOccupations", "waiter"), new("Form.PayMin", "5000"),
        ];

        using var registered = await seeker.PostFormAsync(Profile, Profile, profile);
        var shown = await seeker.GetPageAsync(Profile);
        profile[1] = new("Form.Name", "王小红红");
        using var changed = await seeker.PostFormAsync(Profile, Profile, profile);
        using var added = await seeker.PostFormAsync(Resume, $"{Resume}?handler=Add",
            [new("Entry.Kind", "work"), new("Entry.Organisation", "北京全聚德"), new("Entry.Title", "厨师"), new("Entry.From", "2018-03-01"), new("Entry.Occupation", "cook")]);
        using var wrong = await seeker.PostFormAsync(Resume, $"{Resume}?handler=Add", [new("Entry.Kind", "work"), new("Entry.Organisation", ""), new("Entry.Title", "厨师")]);
        var entry = await RecruitmentData.RecruitmentAsync(factory, db => db.ResumeEntries.AsNoTracking().SingleAsync());
        var withLine = await seeker.GetPageAsync(Resume);
        using var removed = await seeker.PostFormAsync(Resume, $"{Resume}?handler=Remove&entry={entry.Id}", []);
        using var off = await seeker.PostFormAsync(Profile, $"{Profile}?handler=Recommendations&open=false", []);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("value=\"13912345678\"", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Form_IdNumber", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("id=\"Entry_Organisation-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("北京全聚德", withLine, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        var saved = await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.AsNoTracking().SingleAsync());
        Assert.Equal(("王小红红", SeekerKind.MigrantWorker, "130124", "cook waiter", false), (saved.Name, saved.Kind, saved.OriginCounty, saved.WantedOccupations, saved.OpenToRecommendations));
        Assert.Equal(0, await RecruitmentData.RecruitmentAsync(factory, db => db.ResumeEntries.CountAsync()));
    }

    [Fact]
    public async Task Registration_without_an_identity_number_or_an_occupation_names_both_fields_and_registers_nobody()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite, RecruitmentData.NoDispatch);
        using var seeker = await SignedInClient.CreateAsync(factory, Roles.JobSeeker);
        const string Profile = "/Recruitment/Seekers/Profile";

        using var refused = await seeker.PostFormAsync(Profile, Profile,
            [new("Form.IdNumber", "110101199001011234"), new("Form.Name", "王小红"), new("Form.Kind", "graduate"), new("Form.District", RecruitmentData.Haidian), new("Form.Education", "bachelor")]);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"Form_IdNumber-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Form_WantedOccupations-error\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Demo_mode_loads_the_generators_seekers_once_beside_the_demo_account(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch);

        await SeedAsync(factory);
        await SeedAsync(factory);

        var seekers = await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.AsNoTracking().ToListAsync());
        Assert.Equal(501, seekers.Count);
        Assert.Single(seekers, s => s.UserName == RecruitmentDemoData.DemoSeekerUser);
        Assert.Equal(501, seekers.Select(s => s.PersonId).Distinct().Count());
        Assert.True(seekers.Count(s => s.Kind == SeekerKind.Graduate) > 100);
    }

    /// <summary>The registry's demo seekers then recruitment's demo account, in the order the host runs them.</summary>
    private static async Task SeedAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        foreach (var data in scope.ServiceProvider.GetServices<IDemoData>().Where(d => d.GetType().Name is "DemoMarketData" || d is RecruitmentDemoData))
        {
            await data.SeedAsync(CancellationToken.None);
        }
    }
}
