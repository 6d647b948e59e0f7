using Microsoft.AspNetCore.Http.HttpResults;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Web;

/// <summary>
/// The header's search box: one field for a unified social credit code or an employer's name, answered by the
/// registry's employer search. A query of letters and digits only with at least one digit (a code or its beginning)
/// searches codes; anything else (a Chinese name, words) searches names.
/// </summary>
internal static class HeaderSearch
{
    public static IEndpointRouteBuilder MapHeaderSearch(this IEndpointRouteBuilder endpoints)
    {
        // Whoever may search employers (the permission table's SearchEmployers, for every record) may use the box.
        endpoints.MapGet("/search", (string? q) => TypedResults.Redirect(Target(q)))
            .RequireAuthorization(Permissions.SearchEmployers)
            .ExcludeFromDescription();
        return endpoints;
    }

    internal static string Target(string? query)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return "/Registry/Employers";
        }

        var looksLikeCode = text.Length <= 18 && text.All(char.IsAsciiLetterOrDigit) && text.Any(char.IsAsciiDigit);
        return looksLikeCode
            ? "/Registry/Employers?code=" + Uri.EscapeDataString(text.ToUpperInvariant())
            : "/Registry/Employers?name=" + Uri.EscapeDataString(text);
    }
}
