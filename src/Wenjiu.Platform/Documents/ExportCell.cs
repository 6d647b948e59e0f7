namespace Wenjiu.Platform.Documents;

/// <summary>
/// A text cell of a CSV or XLSX the platform writes, made safe to open in a spreadsheet (OWASP's CSV injection rule): a
/// value that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe,
/// so that a spreadsheet shows it as text instead of running it as a formula. Numbers the platform formats itself are
/// written as they are; this is for text that came from people or files (names, codes, references).
/// </summary>
public static class ExportCell
{
    public static string Text(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
