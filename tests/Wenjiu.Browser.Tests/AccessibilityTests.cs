namespace Wenjiu.Browser.Tests;

[Collection(SharedPlatform.Name)]
public sealed class AccessibilityTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task The_home_page_has_no_WCAG_A_or_AA_violations()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/");

        await Axe.AssertAccessibleAsync(page);
    }
}
