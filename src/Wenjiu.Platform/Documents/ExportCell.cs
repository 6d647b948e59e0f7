using Wenjiu.Platform.Exports;

namespace Wenjiu.Platform.Documents;

/// <summary>
/// A text cell of a CSV or XLSX the platform writes, made safe to open in a spreadsheet. The rule itself lives in one
/// place, <see cref="SpreadsheetText.Neutralise"/> (OWASP's: a leading apostrophe before <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return); this is its name for the writers that build their own rows.
/// </summary>
public static class ExportCell
{
    public static string Text(string? value) => SpreadsheetText.Neutralise(value);
}
