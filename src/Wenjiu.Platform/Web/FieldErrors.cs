using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Wenjiu.Platform.Web;

/// <summary>One validation failure: the field it belongs to (as the API and the form name it) and a message in the user's language.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The validation failures of one request, in field order. A use case fills it; the page shows it GOV.UK-style
/// (summary at the top, message beside the field) and the API returns it as a 400 problem naming each field.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "Named for what a form shows; \"FieldErrorCollection\" would say less.")]
public sealed class FieldErrors : IReadOnlyCollection<FieldError>
{
    private readonly List<FieldError> errors = [];

    public int Count => errors.Count;

    public bool IsEmpty => errors.Count == 0;

    public void Add(string field, string message) => errors.Add(new FieldError(field, message));

    public bool Has(string field) => errors.Exists(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>The shape of <c>ValidationProblemDetails.Errors</c>.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>Copies the errors into a page's model state under the form's property prefix (e.g. <c>Input</c>).</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in errors)
        {
            modelState.AddModelError(string.IsNullOrEmpty(prefix) ? error.Field : $"{prefix}.{error.Field}", error.Message);
        }
    }

    public IEnumerator<FieldError> GetEnumerator() => errors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Small helpers that keep form markup the same in every module.</summary>
public static class FormHtml
{
    /// <summary><c>field</c>, plus <c>field-error</c> when the model state has an error for <paramref name="key"/>.</summary>
    public static string FieldClass(this IHtmlHelper html, string key)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.ViewData.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "field field-error" : "field";
    }

    /// <summary>The id the input tag helper gives the field of <paramref name="key"/>, for summary links and aria-describedby.</summary>
    public static string FieldId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace('.', '_').Replace('[', '_').Replace(']', '_');
    }

    /// <summary>
    /// The <c>aria-describedby</c> of the field <paramref name="key"/>: its hint, if it has one, and its error message
    /// when there is one; null (no attribute) when there is neither, so that no reference points at nothing.
    /// </summary>
    public static string? DescribedBy(this IHtmlHelper html, string key, string? hintId = null)
    {
        var ids = new List<string>(2);
        if (hintId is not null)
        {
            ids.Add(hintId);
        }

        if (html.FieldClass(key).Contains("field-error", StringComparison.Ordinal))
        {
            ids.Add(FieldId(key) + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>The error summary's entries: each failed field's first message and the id of its input.</summary>
    public static IReadOnlyList<(string Id, string Message)> ErrorSummary(this IHtmlHelper html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.ViewData.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Select(entry => (FieldId(entry.Key), entry.Value!.Errors[0].ErrorMessage))
            .ToList();
    }
}
