using Microsoft.Playwright;

namespace Wenjiu.Browser.Tests;

/// <summary>
/// An online fair's booth queue on the demo city (issue 10 §5): the demo enterprise's booth at the open key-enterprise
/// fair, the demo seeker takes a number, the enterprise calls it from its queue page and the seeker sees they are
/// called. Every page passes axe at desktop and phone width.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class FairJourneyTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task A_seeker_takes_a_number_at_a_booth_and_the_enterprise_calls_them_in()
    {
        var enterprise = await platform.SignedInPageAsync("enterprise");
        await enterprise.GotoAsync("/Recruitment/Fairs");
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        await enterprise.ClickAsync("text=重点企业急聘专场");
        await enterprise.WaitForURLAsync(url => url.Contains("/Recruitment/Fairs/Detail/", StringComparison.Ordinal));
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        var fairUrl = enterprise.Url;
        var queueHref = await enterprise.GetAttributeAsync("#own-booth-queue", "href");
        Assert.NotNull(queueHref);
        var boothId = queueHref![(queueHref.LastIndexOf('/') + 1)..];

        var seeker = await platform.SignedInPageAsync("seeker");
        await seeker.GotoAsync(fairUrl);
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        await seeker.ClickAsync($"#join-{boothId}");
        await seeker.WaitForSelectorAsync($"#ticket-{boothId}");
        Assert.Contains("号码", await seeker.InnerTextAsync($"#ticket-{boothId}"), StringComparison.Ordinal);
        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);

        await enterprise.GotoAsync(queueHref);
        await Axe.AssertAccessibleAtBothWidthsAsync(enterprise);
        Assert.True(await enterprise.Locator("#queue li").CountAsync() >= 1);
        while (true)
        {
            await enterprise.ClickAsync("#call-next");
            await enterprise.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await seeker.GotoAsync(fairUrl);
            var ticket = seeker.Locator($"#ticket-{boothId}");
            Assert.Equal(1, await ticket.CountAsync());
            if ((await ticket.InnerTextAsync()).Contains("已被叫到", StringComparison.Ordinal))
            {
                break;
            }
        }

        await Axe.AssertAccessibleAtBothWidthsAsync(seeker);
        await seeker.ClickAsync($"#leave-{boothId}");
        await seeker.WaitForSelectorAsync($"#join-{boothId}");
    }
}
