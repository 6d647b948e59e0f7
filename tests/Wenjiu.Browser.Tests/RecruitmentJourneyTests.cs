using Microsoft.Playwright;

namespace Wenjiu.Browser.Tests;

/// <summary>
/// Recruitment on the demo city in a real browser (issue 10 §3–§4): the demo <c>seeker</c> (a 2020 graduate) searches
/// in Chinese, applies and follows the application; the demo <c>enterprise</c> moves an applicant of its own posting
/// through the pipeline board and the seeker sees the stage. Each test picks the postings it applies to by what it finds
/// open to it, never by position, so other journeys applying on the shared platform do not disturb it. Every page
/// visited passes axe-core's WCAG 2.1 A/AA rules at desktop and phone width.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class RecruitmentJourneyTests(PlatformUnderTest platform)
{
    private const string Occupation = "软件工程师";

    [Fact]
    public async Task A_graduate_searches_in_Chinese_applies_and_follows_the_application()
    {
        var seeker = await platform.SignedInPageAsync("seeker");
        await seeker.GotoAsync("/Recruitment/Jobs");
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        await seeker.FillAsync("#q", Occupation);
        await seeker.ClickAsync("#job-search-submit");
        await seeker.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        var titles = await seeker.Locator("#job-results li strong a").AllInnerTextsAsync();
        Assert.Contains(titles, title => title.Contains(Occupation, StringComparison.Ordinal));

        var links = await seeker.Locator("#job-results li strong a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var (posting, title) = await ApplyToFirstOpenAsync(seeker, links.Select(PostingIdOf), requireTitle: Occupation);
        var application = ApplicationIdOf(seeker.Url);
        Assert.True(await seeker.Locator("#applications-applied").IsVisibleAsync());
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        var mine = seeker.Locator($"#application-{application}");
        Assert.Equal(title, (await mine.Locator("strong a").InnerTextAsync()).Trim());
        Assert.Equal("已申请", (await mine.Locator(".application-stage").InnerTextAsync()).Trim());

        // The posting's page now says the seeker has applied, instead of offering the form again.
        await seeker.GotoAsync($"/Recruitment/Jobs/Detail/{posting}");
        Assert.True(await seeker.Locator("#job-applied").IsVisibleAsync());
        Assert.Equal(0, await seeker.Locator("#job-apply-submit").CountAsync());
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
    }

    [Fact]
    public async Task An_employer_moves_an_applicant_through_the_pipeline_and_invites_them_to_an_interview_the_graduate_finds_with_its_calendar_file()
    {
        var enterprise = await platform.SignedInPageAsync("enterprise");
        await enterprise.GotoAsync("/Recruitment/Postings");
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        var own = (await enterprise.Locator("#postings > li").EvaluateAllAsync<string[]>("items => items.map(li => li.id)"))
            .Select(id => long.Parse(id["posting-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(own);

        var seeker = await platform.SignedInPageAsync("seeker");
        var (posting, _) = await ApplyToFirstOpenAsync(seeker, own, requireTitle: null);
        var application = ApplicationIdOf(seeker.Url);

        await enterprise.GotoAsync($"/Recruitment/Pipeline/{posting}");
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        Assert.Equal(1, await enterprise.Locator($"section[aria-labelledby='stage-Applied'] #applicant-{application}").CountAsync());
        foreach (var (stage, label) in new[] { ("Screening", "筛选中"), ("Interview", "面试"), ("Offer", "录用意向"), ("Hired", "已录用") })
        {
            await enterprise.SelectOptionAsync($"#stage-{application}", new SelectOptionValue { Label = label });
            await enterprise.ClickAsync($"#move-submit-{application}");
            await enterprise.WaitForSelectorAsync($"section[aria-labelledby='stage-{stage}'] #applicant-{application}");
            Assert.Equal(0, await enterprise.Locator("#pipeline-error").CountAsync());
            await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
            if (stage == "Interview")
            {
                await InviteAsync(enterprise, seeker, application);
            }
        }

        // Hired closes the application: no form to move it on.
        Assert.Equal(0, await enterprise.Locator($"#move-{application}").CountAsync());

        await seeker.GotoAsync("/Recruitment/Applications");
        Assert.Equal("已录用", (await seeker.Locator($"#application-{application} .application-stage").InnerTextAsync()).Trim());
        Assert.Equal(0, await seeker.Locator($"#withdraw-{application}").CountAsync());
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
    }

    [Fact]
    public async Task An_employer_publishes_a_posting_with_the_form_after_correcting_a_mistake_and_changes_it()
    {
        var enterprise = await platform.SignedInPageAsync("enterprise");
        await enterprise.GotoAsync("/Recruitment/Postings");
        await enterprise.ClickAsync("#posting-new");
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        var title = $"数据分析师（旅程 {Guid.NewGuid().ToString("N")[..6]}）";
        await enterprise.FillAsync("#Form_TitleZh", title);
        await enterprise.FillAsync("#Form_TitleEn", "Data analyst");
        await enterprise.SelectOptionAsync("#Form_Occupation", "data_analyst");
        await enterprise.CheckAsync("#Form_Skills_sql");
        await enterprise.SelectOptionAsync("#Form_District", "110105");
        await enterprise.FillAsync("#Form_PayMin", "12000");
        await enterprise.FillAsync("#Form_PayMax", "9000");
        await enterprise.SelectOptionAsync("#Form_Education", "bachelor");
        await enterprise.ClickAsync("#posting-save");

        // The pay range is the wrong way round: the summary and the message beside the field, the rest kept.
        await enterprise.WaitForSelectorAsync("#error-summary");
        Assert.True(await enterprise.Locator("#Form_PayMin-error").IsVisibleAsync());
        Assert.Equal(title, await enterprise.InputValueAsync("#Form_TitleZh"));
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        await enterprise.FillAsync("#Form_PayMax", "18000");
        await enterprise.ClickAsync("#posting-save");
        await enterprise.WaitForSelectorAsync("#posting-saved");
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        var item = enterprise.Locator("#postings > li", new() { HasText = title });
        Assert.Equal(1, await item.CountAsync());
        var id = (await item.GetAttributeAsync("id"))!["posting-".Length..];

        await enterprise.ClickAsync($"#edit-{id}");
        await enterprise.FillAsync("#Form_PayMin", "13000");
        await enterprise.ClickAsync("#posting-save");
        await enterprise.WaitForSelectorAsync("#posting-saved");
        Assert.Contains("13,000", await enterprise.Locator($"#posting-{id}").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_graduate_changes_the_profile_adds_a_resume_line_and_removes_it()
    {
        var seeker = await platform.SignedInPageAsync("seeker");
        await seeker.GotoAsync("/");
        await seeker.ClickAsync("#nav-recruitment-profile");
        await seeker.WaitForSelectorAsync("#profile-form");
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        Assert.Equal("13800138000", await seeker.InputValueAsync("#Form_Phone"));
        var pay = await seeker.InputValueAsync("#Form_PayMin");
        await seeker.FillAsync("#Form_PayMin", "9500");
        await seeker.ClickAsync("#profile-save");
        await seeker.WaitForSelectorAsync("#profile-saved");
        Assert.Equal("9500", await seeker.InputValueAsync("#Form_PayMin"));
        await seeker.FillAsync("#Form_PayMin", pay);
        await seeker.ClickAsync("#profile-save");
        await seeker.WaitForSelectorAsync("#profile-saved");

        await seeker.ClickAsync("#seeker-tabs a[href$='/Seekers/Resume']");
        await seeker.WaitForSelectorAsync("#resume-form");
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        var organisation = $"北京志愿服务中心 {Guid.NewGuid().ToString("N")[..6]}";
        await seeker.SelectOptionAsync("#Entry_Kind", "training");
        await seeker.FillAsync("#Entry_Organisation", organisation);
        await seeker.FillAsync("#Entry_Title", "社区防疫志愿者培训");
        await seeker.ClickAsync("#resume-add");
        var line = seeker.Locator("#resume-lines > li", new() { HasText = organisation });
        await line.WaitForAsync();
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        await line.Locator("button").ClickAsync();
        await seeker.WaitForSelectorAsync("#resume-form");
        Assert.Equal(0, await seeker.Locator("#resume-lines > li", new() { HasText = organisation }).CountAsync());

        await seeker.ClickAsync("#seeker-tabs a[href$='/Seekers/Consents']");
        await seeker.WaitForSelectorAsync("#consent-form");
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
    }

    /// <summary>
    /// At the interview stage the employer sends an invitation with an online room; the seeker finds it on their
    /// applications page with the calendar file, which is an iCalendar event at the slot chosen.
    /// </summary>
    private static async Task InviteAsync(IPage enterprise, IPage seeker, long application)
    {
        var beijing = DateTime.UtcNow.AddHours(8).Date.AddDays(2).AddHours(10);
        await enterprise.FillAsync($"#starts-{application}", beijing.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await enterprise.FillAsync($"#minutes-{application}", "45");
        await enterprise.FillAsync($"#link-{application}", "https://meet.example.cn/room/7");
        await enterprise.ClickAsync($"#invite-submit-{application}");
        await enterprise.WaitForSelectorAsync($"#applicant-{application} .interview");
        Assert.Equal(0, await enterprise.Locator("#pipeline-error").CountAsync());

        await seeker.GotoAsync("/Recruitment/Applications");
        var invitation = seeker.Locator($"#application-{application} .interview");
        Assert.Contains("10:00", await invitation.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        var ics = await seeker.Locator($"#application-{application} [id^='interview-ics-']").GetAttributeAsync("href");
        var response = await seeker.APIRequest.GetAsync(ics!);
        Assert.Equal(200, response.Status);
        var text = await response.TextAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{beijing.AddHours(-8):yyyyMMdd'T'HHmmss}Z", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Opens each posting in turn and applies to the first the seeker may still apply to (open, not yet applied to), so
    /// the test stands whatever other journeys applied to before; ends on the seeker's applications page.
    /// </summary>
    private static async Task<(long Posting, string Title)> ApplyToFirstOpenAsync(IPage seeker, IEnumerable<long> postings, string? requireTitle)
    {
        foreach (var posting in postings)
        {
            await seeker.GotoAsync($"/Recruitment/Jobs/Detail/{posting}");
            var title = (await seeker.InnerTextAsync("#job-title")).Trim();
            if (await seeker.Locator("#job-apply-submit").CountAsync() == 0
                || (requireTitle is not null && !title.Contains(requireTitle, StringComparison.Ordinal)))
            {
                continue;
            }

            await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
            await seeker.ClickAsync("#job-apply-submit");
            await seeker.WaitForURLAsync(url => url.Contains("/Recruitment/Applications", StringComparison.Ordinal) && url.Contains("applied=", StringComparison.Ordinal));
            return (posting, title);
        }

        Assert.Fail("No posting was open to the seeker to apply to.");
        throw new InvalidOperationException();
    }

    private static long PostingIdOf(string href) =>
        long.Parse(href[(href.LastIndexOf('/') + 1)..].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static long ApplicationIdOf(string url) =>
        long.Parse(url[(url.IndexOf("applied=", StringComparison.Ordinal) + "applied=".Length)..].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
}
