using System.Globalization;
using Microsoft.Playwright;

namespace Wenjiu.Browser.Tests;

/// <summary>
/// The specialist's day on the demo city (issue 10 §1 and §3): their work list, most urgent line first; a line whose
/// funnel is stuck, with recruitment's candidates for it (names masked); first contact recorded. Every page passes axe
/// at desktop and phone width.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class LedgerJourneyTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task A_specialist_works_their_list_most_urgent_first_opens_a_stuck_line_with_its_candidates_and_records_first_contact()
    {
        var page = await platform.SignedInPageAsync("specialist");
        await page.GotoAsync("/Ledger/Lines");
        await Axe.AssertAccessibleAtBothWidthsAsync(page);

        var urgencies = (await page.Locator("#lines [id$='-urgency']").AllInnerTextsAsync()).Select(t => decimal.Parse(t, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(urgencies);
        Assert.Equal(urgencies.OrderDescending(), urgencies);

        // The demo city has one stuck funnel; it is this specialist's or the other one's (then the list of all lines shows it).
        if (await page.Locator("[id$='-stuck']").CountAsync() == 0)
        {
            await page.ClickAsync("#lines-all");
            await page.WaitForURLAsync(url => url.Contains("all=", StringComparison.Ordinal));
        }

        var stuck = page.Locator("#lines > li").Filter(new() { Has = page.Locator("[id$='-stuck']") }).First;
        await stuck.Locator("h2 a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Ledger/Lines/Detail/", StringComparison.Ordinal));
        await Axe.AssertAccessibleAtBothWidthsAsync(page);
        Assert.True(await page.Locator("#line-stuck").IsVisibleAsync());
        Assert.True(await page.Locator("#line-candidates, #line-candidates-none").CountAsync() == 1);
        if (await page.Locator("#line-candidates").CountAsync() == 1)
        {
            // Masked: a family name and stars, never a whole name.
            Assert.All(await page.Locator("#line-candidates li strong").AllInnerTextsAsync(), name => Assert.Contains("*", name, StringComparison.Ordinal));
        }

        if (await page.Locator("#line-first-contact").CountAsync() == 1)
        {
            var before = await page.Locator("#line-history li").CountAsync();
            await page.ClickAsync("#line-first-contact");
            await page.WaitForFunctionAsync($"document.querySelectorAll('#line-history li').length > {before}");
            await Axe.AssertAccessibleAtBothWidthsAsync(page);
        }
    }
}
