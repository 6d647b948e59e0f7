using System.Globalization;
using System.Resources;

namespace Wenjiu.Relief.Localization;

/// <summary>
/// The calculator's messages (<c>Calculate.*</c> in ReliefText) in one language: the caller's (Accept-Language) for
/// <c>POST /api/v1/relief/calculate</c>, English for the command line. Numbers in them are written invariantly, as the
/// request wrote them. The calculator is static and has no request, so it reads the module's resources directly.
/// </summary>
internal sealed class CalculatorText
{
    public static readonly CalculatorText English = new(CultureInfo.GetCultureInfo("en"));

    private static readonly ResourceManager Resources = new(typeof(ReliefText).FullName!, typeof(ReliefText).Assembly);

    private CalculatorText(CultureInfo language) => Language = language;

    public CultureInfo Language { get; }

    /// <summary>The messages in <paramref name="language"/> (zh-CN, the resources' default, for anything not English).</summary>
    public static CalculatorText In(CultureInfo? language) =>
        language is null || language.Name.StartsWith("en", StringComparison.Ordinal) ? English : new CalculatorText(language);

    public string this[string key, params object[] arguments] =>
        string.Format(CultureInfo.InvariantCulture, Resources.GetString("Calculate." + key, Language) ?? throw new MissingManifestResourceException($"Calculate.{key}"), arguments);
}

/// <summary>The module's resources read directly in a given language, for code that has no request (the CLI, parsers).</summary>
internal static class ReliefResources
{
    private static readonly ResourceManager Resources = new(typeof(ReliefText).FullName!, typeof(ReliefText).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (the current UI language when null), numbers written invariantly.</summary>
    public static string Get(CultureInfo? language, string key, params object[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, Resources.GetString(key, language ?? CultureInfo.CurrentUICulture) ?? throw new MissingManifestResourceException(key), arguments);
}
