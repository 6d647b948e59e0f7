using System.Text.Encodings.Web;

namespace Wenjiu.Web.Security;

/// <summary>What a rate-limited caller reads: a short page in both languages, or problem details for the API.</summary>
internal static class TooManyRequests
{
    private const string Message = "尝试次数过多，请一分钟后再试。";
    private const string MessageEnglish = "Too many attempts. Please wait a minute and try again.";

    public static async ValueTask WriteAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await response.WriteAsJsonAsync(
                new { type = "https://www.rfc-editor.org/rfc/rfc6585#section-4", title = "Too many requests", status = 429, detail = MessageEnglish },
                options: null,
                contentType: "application/problem+json",
                cancellationToken);
            return;
        }

        var back = HtmlEncoder.Default.Encode(context.Request.PathBase + context.Request.Path);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>请稍后再试 Too many attempts · 稳就业 Wenjiu</title></head>
            <body>
            <main>
            <h1>请稍后再试 <span lang="en">Too many attempts</span></h1>
            <p>{Message}</p>
            <p lang="en">{MessageEnglish}</p>
            <p><a href="{back}">返回 <span lang="en">Go back</span></a></p>
            </main>
            </body>
            </html>
            """,
            cancellationToken);
    }
}
