using Microsoft.Extensions.Localization;
using Wenjiu.Registry.Localization;

namespace Wenjiu.Registry.Features.Import;

/// <summary>
/// Why a row was rejected, or a file refused, as stored: a code and its arguments (<c>code␟arg␟arg</c>, U+001F between
/// them), never a sentence in one language. The status page, the API and <c>errors.csv</c> render it in the reader's
/// language from RegistryText (<c>Import.Reason.{code}</c>); the command line in its own (zh-CN unless <c>--lang en</c>).
/// The set-based rules in the stores build the same form in SQL (<c>chr(31)</c> / <c>char(31)</c>). A stored text that
/// is not a known code (a report written before codes) is shown as it is.
/// </summary>
internal static class ImportMessages
{
    public const char Separator = '\u001f';

    public static string Of(string code, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Length == 0
            ? code
            : code + Separator + string.Join(Separator, arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static string Render(IStringLocalizer<RegistryText> text, string? stored)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(stored))
        {
            return "";
        }

        var parts = stored.Split(Separator);
        var localized = text[$"Import.Reason.{parts[0]}", [.. parts.Skip(1)]];
        return localized.ResourceNotFound ? stored.Replace(Separator, ' ') : localized.Value;
    }
}
