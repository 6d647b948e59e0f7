using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Wenjiu.Platform.Identity;

/// <summary>
/// One open sign-in (a browser's session), kept in the database so that every web node sees it, it survives a
/// restart, and it can be ended from the server: the cookie carries only <see cref="Id"/>.
/// </summary>
public sealed class SignInSession
{
    /// <summary>256 random bits, hex: the only thing the browser's cookie holds (inside the cookie's own protection).</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>The user's security stamp when the session was opened: once the user's stamp moves on, the session is over.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>The authentication ticket (claims and properties), as ASP.NET Core serialises it.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// The sign-in cookie's server side (<see cref="CookieAuthenticationOptions.SessionStore"/>). Every request looks its
/// session up by primary key, joined to its user, and gets it only while the user's security stamp is still the one the
/// session was opened with and the user is not disabled. So a change of roles, employer binding or password, a disable
/// or a reset ends the user's sessions on every node at once (each of those changes the stamp), and signing out deletes
/// the row, so a copy of the cookie stops working too. One indexed query per request (measured in docs/operations.md).
/// </summary>
internal sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdentityOptions> identity) : ITicketStore
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new SignInSession
        {
            Id = RandomNumberGenerator.GetHexString(64, lowercase: true),
            UserId = ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) ?? "",
            SecurityStamp = ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "",
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            ExpiresAt = Expiry(ticket, now),
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();

        // Sign-ins are rare next to requests: each one sweeps away the sessions that can no longer be used.
        await db.SignInSessions
            .Where(s => s.ExpiresAt < now || !db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == s.SecurityStamp && u.DisabledAt == null))
            .ExecuteDeleteAsync();
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>
    /// A sliding renewal, or a sign-in during a request that already had a session (the cookie handler then renews instead
    /// of storing): a password change or a new authenticator renews this session with the user's new stamp.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = clock.GetUtcNow().UtcDateTime;
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = Expiry(ticket, now);
        var userId = ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) ?? "";
        var stamp = ticket.Principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var renewed = await db.SignInSessions.Where(s => s.Id == key && s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires).SetProperty(x => x.SecurityStamp, stamp));
        if (renewed == 0)
        {
            // Another user signing in over this session id (a planted cookie: session fixation) gets no session at all.
            await db.SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var ticket = await Current(db, key, now).FirstOrDefaultAsync();
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private static IQueryable<byte[]> Current(PlatformDbContext db, string key, DateTime now) =>
        from session in db.SignInSessions
        where session.Id == key && session.ExpiresAt > now
        join user in db.Users on session.UserId equals user.Id
        where user.SecurityStamp == session.SecurityStamp && user.DisabledAt == null
        select session.Ticket;

    private static DateTime Expiry(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + DefaultLifetime;
}
