using Microsoft.Extensions.Localization;
using Wenjiu.Reviews.Contracts;
using Wenjiu.Reviews.Domain;

namespace Wenjiu.Reviews.Localization;

/// <summary>
/// The reviews module's texts. <c>ReviewsText.resx</c> holds zh-CN (the default culture), <c>ReviewsText.en.resx</c>
/// English; a test keeps the two key sets equal.
/// </summary>
internal sealed class ReviewsText;

/// <summary>Names of the module's codes and of data kept in both languages, in the current UI language.</summary>
internal static class ReviewsDisplay
{
    public static bool Chinese => !System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public static string Title(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Chinese ? task.TitleZh : task.TitleEn;
    }

    public static string Reason(ReviewReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Chinese ? reason.TextZh : reason.TextEn;
    }

    public static string Status(this IStringLocalizer<ReviewsText> text, ReviewStatus status)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"Status.{status}"];
    }

    /// <summary>A candidate group's name (groups are codes chosen by the owning modules); the code itself when unnamed.</summary>
    public static string Group(this IStringLocalizer<ReviewsText> text, string group) => Named(text, "Group", group);

    /// <summary>A request kind's name (kinds are codes chosen by the owning modules); the code itself when unnamed.</summary>
    public static string Kind(this IStringLocalizer<ReviewsText> text, string kind) => Named(text, "Kind", kind);

    public static string Action(this IStringLocalizer<ReviewsText> text, string action) => Named(text, "Action", action);

    private static string Named(IStringLocalizer<ReviewsText> text, string prefix, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        var localized = text[$"{prefix}.{code}"];
        return localized.ResourceNotFound ? code : localized.Value;
    }
}
