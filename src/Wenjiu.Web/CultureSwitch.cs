using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Web;

/// <summary>
/// The layout's language switch: a plain form POST (antiforgery-checked) that stores the choice in the
/// RequestLocalization culture cookie for a year and goes back to the page the user was on. A signed-in user's choice is
/// also stored on the account (<c>Culture</c>): notifications are e-mailed in it (ADR 0010).
/// </summary>
internal static class CultureSwitch
{
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/culture", Switch).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> Switch(
        [FromForm] string? culture, [FromForm] string? returnUrl, HttpContext context, UserManager<WenjiuUser> users)
    {
        var chosen = WebSetup.Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return TypedResults.BadRequest();
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
            });

        if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.Culture != chosen.Name)
        {
            user.Culture = chosen.Name;
            await users.UpdateAsync(user);
        }

        // Only back into this site: an open redirect would let a crafted form bounce users elsewhere.
        return TypedResults.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && url.AsSpan().IndexOfAny('\r', '\n') < 0;
}
