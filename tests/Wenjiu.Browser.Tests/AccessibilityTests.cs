using Deque.AxeCore.Playwright;

namespace Wenjiu.Browser.Tests;

[Collection(SharedPlatform.Name)]
public sealed class AccessibilityTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task The_home_page_has_no_WCAG_A_or_AA_violations()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/");

        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }
}
