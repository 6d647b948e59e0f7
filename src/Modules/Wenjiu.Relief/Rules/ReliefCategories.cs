using System.Text.Json;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Localization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Wenjiu.Relief.Rules;

/// <summary>How the category was decided, in words an enterprise can read.</summary>
internal sealed record CategoryDecision(
    ReliefCategory Category,
    EntityType EntityType,
    SizeClass? SizeClass,
    bool SizeClassGiven,
    SizeClassification? Classification,
    string Why,
    string SizeClassWhy);

/// <summary>
/// Which employers are in which relief category (Rules/relief-categories.yaml): by the entity type the unified social
/// credit code carries, then, for market entities, by SME size class. Data, so a reviewer can read and change it.
/// </summary>
internal sealed class ReliefCategories
{
    public const string File = "relief-categories.yaml";
    private const string BySizeClass = "by_size_class";

    private readonly Dictionary<EntityType, ReliefCategory?> byEntityType;
    private readonly Dictionary<SizeClass, ReliefCategory> bySizeClass;

    private ReliefCategories(string source, Dictionary<EntityType, ReliefCategory?> byEntityType, Dictionary<SizeClass, ReliefCategory> bySizeClass)
    {
        Source = source;
        this.byEntityType = byEntityType;
        this.bySizeClass = bySizeClass;
    }

    public string Source { get; }

    public static string EntityTypeCode(EntityType type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    /// <summary>Whether the category of this kind of entity depends on its size class.</summary>
    public bool NeedsSizeClass(EntityType type) => byEntityType[type] is null;

    /// <summary>
    /// The category alone, for the monthly assessment's inner loop: by the entity type, then by the size class where the
    /// table says so. <see cref="Decide"/> gives the same answer with its reasons.
    /// </summary>
    /// <exception cref="InvalidOperationException">The entity type needs a size class and none is given.</exception>
    public ReliefCategory CategoryOf(EntityType type, SizeClass? sizeClass) =>
        byEntityType[type] ?? (sizeClass is { } size ? bySizeClass[size] : throw new InvalidOperationException($"A {EntityTypeCode(type)} needs a size class to be categorised."));

    /// <summary>The category, and why; <paramref name="classification"/> is used when the size class is not given.</summary>
    /// <param name="text">The language of the reasons; English when not given.</param>
    public CategoryDecision Decide(string uscc, SizeClass? given, SizeClassification? classification, LineTraceText? text = null)
    {
        text ??= LineTraceText.English;
        var type = UnifiedSocialCreditCode.EntityTypeOf(uscc);
        var sizeClass = given ?? classification?.Class;
        var sizeWhy = given is not null
            ? text["SizeGiven", text.SizeClass(given.Value)]
            : classification is not null
            ? text["SizeClassified", text.SizeClass(classification.Class), classification.Industry, classification.Explain(chinese: !text.IsEnglish)]
            : text["SizeNotNeeded"];
        var category = CategoryOf(type, sizeClass);
        var why = NeedsSizeClass(type)
            ? text["CategoryBySize", uscc[..2], text.EntityType(type), text.SizeClass(sizeClass!.Value), text.CategoryName(category.Code()), File]
            : text["CategoryByCode", uscc[..2], text.EntityType(type), text.CategoryName(category.Code()), File];
        return new CategoryDecision(category, type, sizeClass, given is not null, classification, why, sizeWhy);
    }

    public static ReliefCategories Parse(string text)
    {
        CategoryFile file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<CategoryFile>(text);
        }
        catch (YamlException e)
        {
            throw new InvalidOperationException($"{File}: line {e.Start.Line}: {e.Message}", e);
        }

        var byType = new Dictionary<EntityType, ReliefCategory?>();
        foreach (var type in Enum.GetValues<EntityType>())
        {
            var code = EntityTypeCode(type);
            if (!file.EntityTypes.TryGetValue(code, out var written))
            {
                throw new InvalidOperationException($"{File}: entity type '{code}' has no category.");
            }

            byType[type] = written == BySizeClass ? null
                : ReliefNames.TryParseCategory(written, out var category) ? category
                : throw new InvalidOperationException($"{File}: entity type '{code}': unknown category '{written}' (sme, large_or_other, none or {BySizeClass}).");
        }

        var unknownType = file.EntityTypes.Keys.FirstOrDefault(k => !Enum.GetValues<EntityType>().Select(EntityTypeCode).Contains(k));
        if (unknownType is not null)
        {
            throw new InvalidOperationException($"{File}: unknown entity type '{unknownType}'.");
        }

        var bySize = new Dictionary<SizeClass, ReliefCategory>();
        foreach (var sizeClass in Enum.GetValues<SizeClass>())
        {
            var code = SizeClassification.ClassNameEn(sizeClass);
            bySize[sizeClass] = file.SizeClasses.TryGetValue(code, out var written) && ReliefNames.TryParseCategory(written, out var category)
                ? category
                : throw new InvalidOperationException($"{File}: size class '{code}' needs a category (sme, large_or_other or none).");
        }

        return new ReliefCategories(file.Source, byType, bySize);
    }

    private sealed class CategoryFile
    {
        public string Source { get; set; } = "";

        public Dictionary<string, string> EntityTypes { get; set; } = [];

        public Dictionary<string, string> SizeClasses { get; set; } = [];
    }
}
