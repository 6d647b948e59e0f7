using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Tests.Infrastructure;

/// <summary>
/// Signed-in test clients. <see cref="AsAsync"/> creates a user with one role and signs it in through the real
/// sign-in pages (antiforgery tokens included). Staff roles must use two-factor sign-in outside demo mode, so
/// for them the user gets an authenticator key and the second step is answered with a TOTP code computed from it.
/// Clients do not follow redirects, so a test sees the 302 to the sign-in or denied page as it is.
/// </summary>
public static class SignIn
{
    public const string Password = "Test-password-2020";

    /// <summary>
    /// A new user with <paramref name="role"/> (and, for enterprise users, the employer it acts for), signed in.
    /// The user name is made unique unless given.
    /// </summary>
    public static async Task<HttpClient> AsAsync(WenjiuFactory factory, string role, string? employerUscc = null, string? userName = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var user = await CreateUserAsync(factory, role, employerUscc, userName);
        if (Roles.Staff.Contains(role))
        {
            await EnableAuthenticatorAsync(factory, user.UserName!);
        }

        var client = NewClient(factory);
        await WithPasswordAsync(client, factory, user.UserName!, Password);
        return client;
    }

    /// <summary>A user with <see cref="Password"/> and one role; roles are created when missing.</summary>
    public static async Task<WenjiuUser> CreateUserAsync(WenjiuFactory factory, string role, string? employerUscc = null, string? userName = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            Succeeded(await roles.CreateAsync(new IdentityRole(role)));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        var user = new WenjiuUser
        {
            UserName = userName ?? $"{role.Replace('_', '-')}-{Guid.NewGuid():N}"[..24],
            DisplayName = role,
            EmployerUscc = employerUscc,
        };
        Succeeded(await users.CreateAsync(user, Password));
        Succeeded(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>Turns on two-factor sign-in for the user and returns its authenticator key (base32).</summary>
    public static async Task<string> EnableAuthenticatorAsync(WenjiuFactory factory, string userName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        Succeeded(await users.ResetAuthenticatorKeyAsync(user));
        Succeeded(await users.SetTwoFactorEnabledAsync(user, true));
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The current code an authenticator app would show for <paramref name="key"/>.</summary>
    public static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public static HttpClient NewClient(WenjiuFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>
    /// Posts the sign-in form; when the account has two-factor sign-in on, answers the second step with a
    /// code from its authenticator key. Fails the test unless the user ends up signed in.
    /// </summary>
    public static async Task WithPasswordAsync(HttpClient client, WenjiuFactory factory, string userName, string password)
    {
        using var response = await PostPasswordAsync(client, userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {userName} answered {(int)response.StatusCode}.");
        if (Forms.Location(response).StartsWith("/Account/SignInCode", StringComparison.Ordinal))
        {
            using var second = await Forms.PostAsync(client, Forms.Location(response), [new("Input.Code", Code(await AuthenticatorKeyAsync(factory, userName)))]);
            Assert.True(second.StatusCode == HttpStatusCode.Redirect, $"The second sign-in step of {userName} answered {(int)second.StatusCode}.");
        }
    }

    public static Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string userName, string password) =>
        Forms.PostAsync(client, "/Account/SignIn", [new("Input.UserName", userName), new("Input.Password", password)]);

    public static async Task<string> AuthenticatorKeyAsync(WenjiuFactory factory, string userName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private static void Succeeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
