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
    public static string Group(this IStringLocalizer<ReviewsText> text, string group)
    {
        ArgumentNullException.ThrowIfNull(text);
        var localized = text[$"Group.{group}"];
        return localized.ResourceNotFound ? group : localized.Value;
    }

    /// <summary>A request kind's name (kinds are codes chosen by the owning modules); the code itself when unnamed.</summary>
    public static string Kind(this IStringLocalizer<ReviewsText> text, string kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        var localized = text[$"Kind.{kind}"];
        return localized.ResourceNotFound ? kind : localized.Value;
    }

    public static string Action(this IStringLocalizer<ReviewsText> text, string action)
    {
        ArgumentNullException.ThrowIfNull(text);
        var localized = text[$"Action.{action}"];
        return localized.ResourceNotFound ? action : localized.Value;
    }
}
