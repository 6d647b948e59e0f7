using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Identity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Sessions;

/// <summary>Sessions opened through the real sign-in form, whose cookies a test can read (to copy them, as a thief would).</summary>
internal static class Sessions
{
    public static readonly Uri Site = new("http://localhost");

    /// <summary>A client signed in as <paramref name="userName"/> through the sign-in pages (and the second step, for staff).</summary>
    public static async Task<SignedInClient> OpenAsync(WenjiuFactory factory, string userName, string password = SignIn.Password)
    {
        var client = SignedInClient.Anonymous(factory);
        await SignIn.WithPasswordAsync(client.Http, factory, userName, password);
        return client;
    }

    /// <summary>Asserts that the client is signed in: a page answers 200 and the API does not answer 401.</summary>
    public static async Task AssertSignedInAsync(HttpClient client)
    {
        using var page = await client.GetAsync(new Uri("/Account/Profile", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var api = await client.GetAsync(new Uri("/api/v1/employers/91110105MA01ABCDE0", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    /// <summary>Asserts that the client's session is over: pages send it to sign in, the API answers 401.</summary>
    public static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var page = await client.GetAsync(new Uri("/Account/Profile", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/SignIn", Forms.Location(page), StringComparison.Ordinal);
        using var api = await client.GetAsync(new Uri("/api/v1/employers/91110105MA01ABCDE0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    /// <summary>A client of its own that sends only the given cookie header (a copy of someone's cookies).</summary>
    public static HttpClient WithCookies(WenjiuFactory factory, string cookieHeader)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateDefaultClient(Site);
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    public static async Task<WenjiuUser> UserAsync(WenjiuFactory factory, string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException($"No user {userName}.");
    }
}
