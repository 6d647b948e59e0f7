using System.Globalization;
using System.Resources;
using System.Text.Encodings.Web;
using Wenjiu.Platform.Localization;
using Wenjiu.Platform.Web;
using Wenjiu.Web.Localization;

namespace Wenjiu.Web.Security;

/// <summary>
/// What a rate-limited caller reads, in the request's language (zh-CN by default): a short page, or problem details for
/// the API. Written by the rate limiter itself, outside any page, so it reads SiteText directly in that language.
/// </summary>
internal static class TooManyRequests
{
    private static readonly ResourceManager Resources = new(typeof(SiteText).FullName!, typeof(SiteText).Assembly);

    public static async ValueTask WriteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var language = ApiProblems.LanguageOf(context);
        string Text(string key) => Resources.GetString(key, language) ?? key;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await response.WriteAsJsonAsync(
                new { type = "https://www.rfc-editor.org/rfc/rfc6585#section-4", title = PlatformText.In(language, "Problem.429"), status = 429, detail = Text("TooManyRequests.Body") },
                options: null,
                contentType: "application/problem+json",
                cancellationToken);
            return;
        }

        // Chinese as it is, not as &#x…; entities (the default encoder escapes everything beyond ASCII).
        var html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var back = html.Encode(context.Request.PathBase + context.Request.Path);
        var lang = language.Name.StartsWith("en", StringComparison.Ordinal) ? "en" : "zh-CN";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.Encode(Text("TooManyRequests.Title"))} · {html.Encode(Text("Layout.Brand"))}</title></head>
            <body>
            <main>
            <h1>{html.Encode(Text("TooManyRequests.Title"))}</h1>
            <p>{html.Encode(Text("TooManyRequests.Body"))}</p>
            <p><a href="{back}">{html.Encode(Text("TooManyRequests.Back"))}</a></p>
            </main>
            </body>
            </html>
            """,
            cancellationToken);
    }
}
