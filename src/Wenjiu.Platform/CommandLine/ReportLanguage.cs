using System.CommandLine;
using System.Globalization;

namespace Wenjiu.Platform.CommandLine;

/// <summary>
/// <c>--lang zh-CN|en</c> for the verbs that write files a person reads (error reports, relief reports): their headers,
/// names and reasons come in one language, Chinese unless asked otherwise, as on the site.
/// </summary>
public static class ReportLanguage
{
    public static Option<string> Option()
    {
        var option = new Option<string>("--lang") { Description = "language of headers, names and reasons: zh-CN (default) or en", DefaultValueFactory = _ => "zh-CN" };
        option.AcceptOnlyFromAmong("zh-CN", "en");
        return option;
    }

    /// <summary>Sets the culture for the command's run; disposing puts the previous one back.</summary>
    public static IDisposable Use(string? language) => new Scope(CultureInfo.GetCultureInfo(language is "en" ? "en" : "zh-CN"));

    private sealed class Scope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

        public Scope(CultureInfo language)
        {
            CultureInfo.CurrentCulture = language;
            CultureInfo.CurrentUICulture = language;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
