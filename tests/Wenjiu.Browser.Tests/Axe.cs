using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Wenjiu.Browser.Tests;

/// <summary>axe-core's WCAG 2.1 A and AA rules on the page as it is now; every journey runs it on each page it visits.</summary>
internal static class Axe
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}: " + string.Join("\n", violations));
    }

    /// <summary>
    /// A journey's check of the page it is on: axe at desktop width (1280 px), then at phone width (390 px) with nothing
    /// wider than the viewport (no sideways scroll), back to desktop. Set WENJIU_SCREENSHOTS to a folder to keep a
    /// full-page screenshot of each page at phone width (named after its address and its language).
    /// </summary>
    public static async Task AssertAccessibleAtBothWidthsAsync(IPage page)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(390, 844);
        await AssertAccessibleAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{page.Url} scrolls sideways at 390 px");
        if (Environment.GetEnvironmentVariable("WENJIU_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var language = await page.EvaluateAsync<string>("() => document.documentElement.lang");
            var address = new Uri(page.Url).PathAndQuery;
            var name = $"journey-390-{language}-{string.Concat(address.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'))}.png";
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
        }

        await page.SetViewportSizeAsync(1280, 900);
    }

    /// <summary>Each violation as one line: rule, impact, help and the elements it was found on.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);
        return result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
    }
}
