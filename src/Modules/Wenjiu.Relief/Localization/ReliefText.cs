using System.Globalization;
using Microsoft.Extensions.Localization;
using Wenjiu.Registry.Contracts;
using Wenjiu.Relief.Domain;

namespace Wenjiu.Relief.Localization;

/// <summary>
/// The relief module's texts for pages, API names and navigation. <c>ReliefText.resx</c> holds zh-CN (the default
/// culture), <c>ReliefText.en.resx</c> English; a test keeps the two key sets equal.
/// </summary>
internal sealed class ReliefText;

/// <summary>Names of the relief module's codes in the current UI language.</summary>
internal static class ReliefDisplay
{
    public static bool Chinese => !CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public static string District(string? code) => Districts.Find(code) is { } d ? (Chinese ? d.NameZh : d.NameEn) : code ?? "";

    public static string Industry(string? code) => Industries.Find(code) is { } i ? (Chinese ? i.NameZh : i.NameEn) : code ?? "";

    /// <summary>A report class (<c>large</c> … <c>individual_business</c>, <c>other</c>).</summary>
    public static string SizeClass(this IStringLocalizer<ReliefText> text, string? code) => code is null ? "" : Text(text)[$"SizeClass.{code}"];

    public static string Sector(this IStringLocalizer<ReliefText> text, string? code) => code is null ? "" : Text(text)[$"Sector.{code}"];

    public static string Insurance(this IStringLocalizer<ReliefText> text, Insurance insurance) => Text(text)[$"Insurance.{insurance.Code()}"];

    public static string Party(this IStringLocalizer<ReliefText> text, Party party) => Text(text)[$"Party.{party.Code()}"];

    public static string Category(this IStringLocalizer<ReliefText> text, string code) => Text(text)[$"Category.{code}"];

    public static string EntityType(this IStringLocalizer<ReliefText> text, EntityType type) => Text(text)[$"EntityType.{type}"];

    public static string Measure(this IStringLocalizer<ReliefText> text, SizeMeasure measure) => Text(text)[$"Measure.{measure}"];

    public static string Status(this IStringLocalizer<ReliefText> text, AssessmentStatus status) => Text(text)[$"Status.{status}"];

    /// <summary>A parameter's unit (<c>yuan</c>, <c>rate</c> …), or the unit's code when it has no name here.</summary>
    public static string Unit(this IStringLocalizer<ReliefText> text, string unit)
    {
        var localized = Text(text)[$"Unit.{unit}"];
        return localized.ResourceNotFound ? unit : localized.Value;
    }

    /// <summary>A form error: a known code (<c>name_required</c>) in the page's language, any other message as it is.</summary>
    public static string Problem(this IStringLocalizer<ReliefText> text, string message)
    {
        var localized = Text(text)[$"Error.{message}"];
        return localized.ResourceNotFound ? message : localized.Value;
    }

    /// <summary>
    /// A scenario form's problem in the page's language: its code's text with the arguments, prefixed with the parameter
    /// it concerns; a problem without a known code as it is.
    /// </summary>
    public static string Problem(this IStringLocalizer<ReliefText> text, Features.Scenarios.FieldProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var localized = Text(text)[$"Error.{problem.Message}", [.. problem.Arguments ?? []]];
        var message = localized.ResourceNotFound ? problem.Message : localized.Value;
        return problem.Parameter is null ? message : text["Error.in_parameter", problem.Parameter, message];
    }

    /// <summary>Yuan with two decimals and thousands separators, as the pages show money.</summary>
    public static string Yuan(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);

    private static IStringLocalizer<ReliefText> Text(IStringLocalizer<ReliefText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text;
    }
}
