using System.Net;
using System.Text.RegularExpressions;

namespace Wenjiu.Tests.Infrastructure;

/// <summary>
/// Posting forms the way a browser does: every form carries an antiforgery token, read from the page's hidden
/// <c>__RequestVerificationToken</c> field and posted back (the client keeps the matching cookie).
/// </summary>
public static partial class Forms
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>GETs <paramref name="page"/>, then POSTs <paramref name="fields"/> with the page's antiforgery token to <paramref name="action"/> (the page itself by default).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = await client.GetAsync(new Uri(page, UriKind.Relative));
        Assert.True(form.StatusCode == HttpStatusCode.OK, $"GET {page} answered {(int)form.StatusCode} {form.Headers.Location}");
        var token = AntiforgeryToken(await form.Content.ReadAsStringAsync());
        return await PostWithTokenAsync(client, action ?? page, token, fields);
    }

    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string action, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new FormUrlEncodedContent(fields.Append(new(AntiforgeryField, token)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Where a redirect points, as path and query whether the server wrote it absolute or relative.</summary>
    public static string Location(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location;
        return location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>The first antiforgery token in the HTML; fails the test when there is none.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex TokenPattern();
}
