using Microsoft.Playwright;
using Wenjiu.Web;

namespace Wenjiu.Browser.Tests;

/// <summary>
/// Every page, as every demo role (and a visitor), at phone width (390 px) and desktop width (1280 px): nothing is wider
/// than the viewport (no page scrolls sideways) and axe-core finds no WCAG 2.1 A/AA violation. The pages are those the
/// navigation and the pages link to, found by following links from the home page and a few seeds, with one record of
/// each kind (an assessment run, a scenario and its run, a deferral, an import) arranged first.
/// A page (route shape) already checked for one role is not checked again for the next; each role's home page is.
/// Set WENJIU_SCREENSHOTS to a folder to keep a full-page screenshot of each visit.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class PageLayoutTests(PlatformUnderTest platform)
{
    private const string Month = "2020-04";
    private const int MaxPagesPerRole = 45;
    private static readonly (int Width, int Height)[] Viewports = [(390, 844), (1280, 900)];

    public static TheoryData<string> Users()
    {
        var users = new TheoryData<string> { "" };
        foreach (var (userName, _, _) in DemoData.Accounts)
        {
            users.Add(userName);
        }

        return users;
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_page_fits_a_phone_and_a_desktop_without_sideways_scrolling_and_passes_axe(string userName)
    {
        await platform.EnsureOneRecordOfEachKindAsync();
        var page = userName.Length == 0 ? await platform.NewPageAsync() : await platform.SignedInPageAsync(userName);
        var found = await CrawlAsync(page);
        Assert.True(found.Count >= (userName.Length == 0 ? 2 : 3), $"only {found.Count} pages found for {userName}: {string.Join(", ", found)}");

        // A page another role's run has checked already is not checked again (the role changes only the masthead,
        // which the home page shows for each role); running one role alone checks all of its pages.
        var urls = found.Where(url => url == "/" || platform.FirstLayoutCheck(Shape(new Uri(platform.BaseAddress, url)))).ToList();

        var failures = new List<string>();
        foreach (var (width, height) in Viewports)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var url in urls)
            {
                var response = await page.GotoAsync(url);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                if (response is { Status: >= 500 })
                {
                    failures.Add($"{width}px {url}: HTTP {response.Status}");
                }

                var (scrollWidth, innerWidth) = await WidthsAsync(page);
                if (scrollWidth > innerWidth)
                {
                    failures.Add($"{width}px {url}: {scrollWidth}px wide in a {innerWidth}px viewport (widest: {await WidestAsync(page, innerWidth)})");
                }

                failures.AddRange((await Axe.ViolationsAsync(page)).Select(v => $"{width}px {url}: {v}"));
                if (Environment.GetEnvironmentVariable("WENJIU_SCREENSHOTS") is { Length: > 0 } folder)
                {
                    Directory.CreateDirectory(folder);
                    var name = $"{(userName.Length == 0 ? "visitor" : userName)}-{width}-{string.Concat(url.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'))}.png";
                    await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
                }
            }
        }

        Assert.True(failures.Count == 0, $"{userName}: {failures.Count} problems\n" + string.Join("\n", failures));
    }

    /// <summary>Same-origin pages reachable by links from the home page and the seeds, one per route shape.</summary>
    private static async Task<IReadOnlyList<string>> CrawlAsync(IPage page)
    {
        var seeds = new[]
        {
            "/", "/Account/SignIn", "/Account/Denied", $"/search?q={DemoData.EnterpriseUscc}", "/search?q=科技",
            $"/Registry/Employers/Detail/{DemoData.EnterpriseUscc}", $"/Relief/Statements/{DemoData.EnterpriseUscc}",
            $"/Relief/Dashboard?month={Month}", $"/Relief/Reports?from=2020-02&to=2020-06&by=district", "/Admin/Audit?Search.Action=sign-in.succeeded",
        };
        var queue = new Queue<string>(seeds);
        var shapes = new HashSet<string>(StringComparer.Ordinal);

        // One link of each shape is queued: an inbox lists hundreds of tasks, and each would otherwise be loaded only
        // to find its shape seen (the admin's crawl took 9 minutes that way).
        var queued = new HashSet<string>(StringComparer.Ordinal);
        var visited = new List<string>();
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        while (queue.Count > 0 && visited.Count < MaxPagesPerRole)
        {
            var url = queue.Dequeue();
            var response = await page.GotoAsync(url);
            var final = new Uri(page.Url);
            var relative = final.PathAndQuery;
            if (response is null || !shapes.Add(Shape(final)))
            {
                continue;
            }

            visited.Add(relative);
            // A link marked download is a file, not a page (a bank file, a letter): the browser would download it, not show it.
            var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])", "links => links.map(a => a.href)");
            foreach (var link in links)
            {
                if (Uri.TryCreate(link, UriKind.Absolute, out var target) && target.GetLeftPart(UriPartial.Authority) == origin && Followable(target)
                    && Shape(target) is var shape && !shapes.Contains(shape) && queued.Add(shape))
                {
                    queue.Enqueue(target.PathAndQuery);
                }
            }
        }

        return visited;
    }

    /// <summary>Pages, not downloads, API answers or actions; a link to the page itself with a fragment is the page.</summary>
    private static bool Followable(Uri target)
    {
        var path = target.AbsolutePath;
        string[] skip = ["/api", "/culture", "/Account/SignOut", "/healthz", "/readyz", "/lib/", "/css/", "/js/"];
        return !skip.Any(s => path.StartsWith(s, StringComparison.OrdinalIgnoreCase))
            && !path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            && !path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
            && !path.Contains("download", StringComparison.OrdinalIgnoreCase) && !path.Contains("export", StringComparison.OrdinalIgnoreCase)
            && !target.Query.Contains("handler=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A route with its identifiers and figures taken out, and whether it has a query: one visit per shape.</summary>
    private static string Shape(Uri url)
    {
        var segments = url.AbsolutePath.Split('/').Select(s => s.Any(char.IsAsciiDigit) || s.Length >= 16 ? "{id}" : s.ToUpperInvariant());
        return string.Join('/', segments) + (url.Query.Length > 1 ? "?" : "");
    }

    private static async Task<(int ScrollWidth, int InnerWidth)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    /// <summary>The elements that stick out past the viewport's right edge, to say what to fix.</summary>
    private static Task<string> WidestAsync(IPage page, int innerWidth) => page.EvaluateAsync<string>(
        """
        width => Array.from(document.querySelectorAll("body *"))
            .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length > 0)
            .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > width + 1))
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " " + Math.round(e.getBoundingClientRect().right) + "px")
            .join(", ")
        """, innerWidth);
}
