using System.Globalization;
using System.Resources;

namespace Wenjiu.Relief.Localization;

/// <summary>
/// The words of a line's trace (<c>Trace.*</c> in ReliefText) in one language; the numbers in them are always written
/// invariantly (8000.01, 0.008), exactly as the rules computed them. The calculator is static and has no request, so
/// it reads the module's resources directly rather than through an <c>IStringLocalizer</c>.
/// </summary>
internal sealed class LineTraceText
{
    /// <summary>The API's and the command line's language: traces are read by machines and auditors there too.</summary>
    public static readonly LineTraceText English = new(CultureInfo.GetCultureInfo("en"));

    private static readonly ResourceManager Resources = new(typeof(ReliefText).FullName!, typeof(ReliefText).Assembly);

    private readonly CultureInfo language;

    private LineTraceText(CultureInfo language) => this.language = language;

    /// <summary>The texts in <paramref name="language"/> (zh-CN, the resources' default, for anything not English).</summary>
    public static LineTraceText In(CultureInfo? language) =>
        language is null || language.Name.StartsWith("en", StringComparison.Ordinal) ? English : new LineTraceText(language);

    public string this[string key, params object[] arguments] =>
        string.Format(CultureInfo.InvariantCulture, Resources.GetString("Trace." + key, language) ?? throw new MissingManifestResourceException($"Trace.{key}"), arguments);

    public bool IsEnglish => ReferenceEquals(this, English);

    /// <summary>A relief category's name (sme, large_or_other, none).</summary>
    public string Category(string code) => Resources.GetString("Category." + code, language) ?? code;

    /// <summary>A category in a sentence: its code in English (as the rule files and the API name it), its name otherwise.</summary>
    public string CategoryName(string code) => IsEnglish ? code : Category(code);

    /// <summary>The kind of entity a code's first two characters say, in words.</summary>
    public string EntityType(Registry.Contracts.EntityType type) => IsEnglish
        ? Relief.Rules.ReliefCategories.EntityTypeCode(type).Replace('_', ' ')
        : Resources.GetString("EntityType." + type, language) ?? type.ToString();

    public string SizeClass(Registry.Contracts.SizeClass sizeClass) => IsEnglish
        ? Registry.Contracts.SizeClassification.ClassNameEn(sizeClass)
        : Registry.Contracts.SizeClassification.ClassNameZh(sizeClass);
}
