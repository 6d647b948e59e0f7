using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Tests.Infrastructure;

/// <summary>
/// An HTTP client of the test host that is signed in as a user of the given role: the user is created through
/// <see cref="UserManager{TUser}"/> and given the real Identity sign-in cookie (issued with the host's own cookie
/// protection), so every request goes through the host's real authentication, authorisation and antiforgery.
/// Cookies set by the host (antiforgery, culture, TempData) are kept; redirects are not followed so tests can see them.
/// </summary>
public sealed partial class SignedInClient : IDisposable
{
    private static readonly Uri BaseAddress = new("http://localhost");

    /// <summary>The claim in which the cookie handler keeps the session id when a session store holds the ticket.</summary>
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    private SignedInClient(HttpClient http, CookieContainer cookies, string userName)
    {
        Http = http;
        Cookies = cookies;
        UserName = userName;
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    public string UserName { get; }

    public static SignedInClient Anonymous(WenjiuFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var cookies = new CookieContainer();
        return new SignedInClient(factory.CreateDefaultClient(BaseAddress, new CookieJar(cookies)), cookies, "");
    }

    public static async Task<SignedInClient> CreateAsync(WenjiuFactory factory, string role, string? employerUscc = null, string? userName = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        userName ??= $"{role}-{Guid.NewGuid():N}"[..30];
        await using var scope = factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        var user = new WenjiuUser { UserName = userName, DisplayName = $"测试 {role}", EmployerUscc = employerUscc };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, role));

        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<WenjiuUser>>().CreateAsync(user);
        if (Roles.Staff.Contains(role))
        {
            // Staff must have signed in with their second factor outside demo mode; Identity marks that with amr=mfa.
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("amr", "mfa"));
        }

        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, IdentityConstants.ApplicationScheme);

        // The cookie holds only a session id; the session itself is stored on the server, as a real sign-in stores it.
        if (options.SessionStore is { } store)
        {
            var sessionId = await store.StoreAsync(ticket);
            ticket = new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(SessionIdClaim, sessionId, ClaimValueTypes.String, options.ClaimsIssuer)], options.ClaimsIssuer)),
                null,
                IdentityConstants.ApplicationScheme);
        }

        var cookies = new CookieContainer();
        cookies.Add(BaseAddress, new Cookie(options.Cookie.Name!, options.TicketDataFormat.Protect(ticket)));
        return new SignedInClient(factory.CreateDefaultClient(BaseAddress, new CookieJar(cookies)), cookies, userName);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form the way a browser does: the antiforgery token taken from the page the form is on.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await GetPageAsync(formPage);
        var values = fields.Append(new("__RequestVerificationToken", AntiforgeryToken(html))).ToList();
        using var content = new FormUrlEncodedContent(values);
        return await Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, string action, MultipartFormDataContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var html = await GetPageAsync(formPage);
        content.Add(new StringContent(AntiforgeryToken(html)), "__RequestVerificationToken");
        return await Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The value of the hidden input <paramref name="name"/> on a page.</summary>
    public static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|<input[^>]*value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");
        Assert.True(match.Success, $"the page has no hidden input {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    public void Dispose() => Http.Dispose();

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(uri, value);
                }
            }

            return response;
        }
    }
}
