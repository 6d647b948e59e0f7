using System.Globalization;
using System.Resources;

namespace Wenjiu.Platform.Localization;

/// <summary>
/// The platform's own texts: problem-details titles of the API, the units of money and the name of the time zone.
/// <c>PlatformText.resx</c> holds zh-CN (the default culture), <c>PlatformText.en.resx</c> English.
/// </summary>
public sealed class PlatformText
{
    private static readonly ResourceManager Resources = new(typeof(PlatformText).FullName!, typeof(PlatformText).Assembly);

    private PlatformText()
    {
    }

    /// <summary>The text of <paramref name="key"/> in the current UI language (zh-CN for anything not English).</summary>
    public static string Get(string key, params object[] arguments) => In(CultureInfo.CurrentUICulture, key, arguments);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>; numbers in it are formatted by the caller.</summary>
    public static string In(CultureInfo language, string key, params object[] arguments)
    {
        var text = Resources.GetString(key, language) ?? throw new MissingManifestResourceException($"PlatformText {key}");
        return arguments.Length == 0 ? text : string.Format(language, text, arguments);
    }

    /// <summary>Null when the key is not there (a status code without a title of its own).</summary>
    public static string? Find(string key, CultureInfo language) => Resources.GetString(key, language);
}
