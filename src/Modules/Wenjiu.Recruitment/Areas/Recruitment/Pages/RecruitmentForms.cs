using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Wenjiu.Recruitment.Localization;

namespace Wenjiu.Recruitment.Areas.Recruitment.Pages;

/// <summary>What the module's forms share: a use case's errors beside their fields, and the form's text read as the use case's input.</summary>
internal static class RecruitmentForms
{
    /// <summary>
    /// The use case's errors (field → message key) into the page's model state under <paramref name="prefix"/>, so that
    /// the summary links each to its field; a key the form has no field for (the idempotency key) goes to the summary only.
    /// </summary>
    public static void CopyErrors(IReadOnlyDictionary<string, string> errors, ModelStateDictionary modelState, IStringLocalizer<RecruitmentText> text, string prefix, IReadOnlySet<string>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (field, key) in errors)
        {
            modelState.AddModelError(fields is null || fields.Contains(field) ? $"{prefix}.{field}" : "", text[key].Value);
        }
    }

    /// <summary>Yuan as typed (digits, a decimal point; "9,000" with the thousands comma too); null when blank, -1 (refused by the rules) when not a number.</summary>
    public static decimal? Money(string? typed) =>
        string.IsNullOrWhiteSpace(typed) ? null
        : decimal.TryParse(typed.Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value
        : -1m;

    /// <summary>A whole number as typed; null when blank, -1 when not one.</summary>
    public static int? Whole(string? typed) =>
        string.IsNullOrWhiteSpace(typed) ? null : int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    public static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
