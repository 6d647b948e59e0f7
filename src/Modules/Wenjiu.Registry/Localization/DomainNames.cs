using System.Globalization;
using Microsoft.Extensions.Localization;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Localization;

/// <summary>
/// Names of the registry's code lists in the current UI language. Industries and districts carry their own Chinese
/// and English names (they are data); size classes, entity types and statuses come from <see cref="RegistryText"/>.
/// </summary>
internal static class DomainNames
{
    public static bool Chinese => !CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public static string Industry(string code) => Industries.Find(code) is { } i ? (Chinese ? i.NameZh : i.NameEn) : code;

    public static string District(string code) => Districts.Find(code) is { } d ? (Chinese ? d.NameZh : d.NameEn) : code;

    public static string SizeClass(this IStringLocalizer<RegistryText> text, SizeClass sizeClass) => Text(text)[$"SizeClass.{sizeClass}"];

    public static string Measure(this IStringLocalizer<RegistryText> text, SizeMeasure measure) => Text(text)[$"Measure.{measure}"];

    public static string EntityType(this IStringLocalizer<RegistryText> text, EntityType type) => Text(text)[$"EntityType.{type}"];

    public static string ImportStatus(this IStringLocalizer<RegistryText> text, ImportStatus status) => Text(text)[$"ImportStatus.{status}"];

    public static string ImportKind(this IStringLocalizer<RegistryText> text, ImportKind kind) => Text(text)[$"ImportKind.{kind}"];

    public static string Gender(this IStringLocalizer<RegistryText> text, Gender gender) => Text(text)[$"Gender.{gender}"];

    /// <summary>The API's spelling of a size class: <c>large</c>, <c>medium</c>, <c>small</c>, <c>micro</c>.</summary>
    public static string Code(this SizeClass sizeClass) => SizeClassification.ClassNameEn(sizeClass);

    /// <summary>The API's spelling of an entity type, e.g. <c>individual_business</c>.</summary>
    public static string Code(this EntityType type) => Snake(type.ToString());

    public static string Code(this SizeMeasure measure) => Snake(measure.ToString());

    public static string Code(this ImportStatus status) => Snake(status.ToString());

    public static string Code(this ImportKind kind) => Snake(kind.ToString());

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static IStringLocalizer<RegistryText> Text(IStringLocalizer<RegistryText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text;
    }
}
