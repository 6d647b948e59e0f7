using System.Text;
using Microsoft.Playwright;

namespace Wenjiu.Browser.Tests;

/// <summary>
/// Issue 2's journey in a real browser: staff sign in, import a file, read the error report, open an employer, switch the
/// language; every page visited passes axe-core's WCAG 2.1 A/AA rules.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class StaffJourneyTests(PlatformUnderTest platform)
{
    private const string GoodUscc = "91110108551385082Q";
    private const string BadUscc = "91110108551385082R";

    [Fact]
    public async Task Staff_sign_in_import_a_file_read_its_errors_open_the_employer_and_switch_to_English()
    {
        var page = await platform.NewPageAsync();

        await page.GotoAsync("/Account/SignIn");
        await Axe.AssertAccessibleAsync(page);
        await page.FillAsync("#Input_UserName", "admin");
        await page.FillAsync("#Input_Password", "Wenjiu-demo-2020");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.False(page.Url.Contains("/Account/SignIn", StringComparison.Ordinal), await page.InnerTextAsync("main"));

        await page.GotoAsync("/Registry/Imports");
        await Axe.AssertAccessibleAsync(page);
        var file = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise\n" +
            $"{GoodUscc},北京旅程测试科技有限公司,software_it,110108,45,1200,800,0.2,false\n" +
            $"{BadUscc},校验码错误的公司,software_it,110108,45,1200,800,0.2,false\n",
            new UTF8Encoding(false));
        await page.CheckAsync("#Kind");
        await page.SetInputFilesAsync("#Upload", file);
        await page.ClickAsync("#import-submit");
        await page.WaitForURLAsync(url => url.Contains("/Registry/Imports/", StringComparison.Ordinal));

        // The status page updates itself; reload until the run is over and the rejections are listed.
        for (var attempt = 0; attempt < 60 && await page.Locator("#rejections").CountAsync() == 0; attempt++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        await Axe.AssertAccessibleAsync(page);
        var rejections = await page.Locator("#rejections").InnerTextAsync();
        Assert.Contains(BadUscc, rejections, StringComparison.Ordinal);
        Assert.Contains("uscc", rejections, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-errors"));
        var report = await File.ReadAllTextAsync(await download.PathAsync());
        // The report speaks the page's language: line, column code beside its name, the value given, the reason.
        Assert.StartsWith("行号,列,列名,填写的值,原因", report.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains($"3,uscc,统一社会信用代码,{BadUscc},", report, StringComparison.Ordinal);

        await page.GotoAsync($"/Registry/Employers/Detail/{GoodUscc}");
        await Axe.AssertAccessibleAsync(page);
        Assert.Equal("北京旅程测试科技有限公司", await page.Locator("#employer-name").InnerTextAsync());
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));

        await page.ClickAsync("#language-en");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        await Axe.AssertAccessibleAsync(page);
        Assert.Contains($"/Registry/Employers/Detail/{GoodUscc}", page.Url, StringComparison.Ordinal);
        Assert.Contains("small", await page.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);

        // The choice is remembered on the next page.
        await page.GotoAsync("/Registry/Employers");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Axe.AssertAccessibleAsync(page);
        File.Delete(file);
    }
}
