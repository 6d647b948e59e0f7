using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;

namespace Wenjiu.Platform.ApiTokens;

/// <summary>
/// <c>tokens create --user NAME --name LABEL [--expires 30d]</c> and <c>tokens revoke --user NAME --name LABEL</c>: an
/// operator on the server makes a machine client's token (a bank, a province's system). The token is printed once, alone
/// on the last line of standard output, so a script can take it with <c>tail -n 1</c>. Exit 0 done, 1 refused, 2 a
/// value that cannot be read.
/// </summary>
internal static class TokensCommand
{
    public const int Refused = 1;
    public const int Unreadable = 2;

    public static Command Create(IServiceProvider services)
    {
        var user = new Option<string>("--user") { Description = "the user the token acts as (its roles and employer)", Required = true };
        var name = new Option<string>("--name") { Description = "the token's label, unique among the user's live tokens", Required = true };
        var expires = new Option<string?>("--expires") { Description = "lifetime: 30d (days) or 12h (hours); 90 days when left out" };
        var create = new Command("create", "Make a personal access token for a machine client; printed once, on the last line.") { user, name, expires };
        create.SetAction(async (result, cancellationToken) => await CreateAsync(
            services, result.GetValue(user)!, result.GetValue(name)!, result.GetValue(expires), Console.Out, Console.Error, cancellationToken));

        var revokeUser = new Option<string>("--user") { Description = "the token's user", Required = true };
        var revokeName = new Option<string>("--name") { Description = "the token's label", Required = true };
        var revoke = new Command("revoke", "Revoke a user's token by its label: its next request answers 401.") { revokeUser, revokeName };
        revoke.SetAction(async (result, cancellationToken) => await RevokeAsync(
            services, result.GetValue(revokeUser)!, result.GetValue(revokeName)!, Console.Out, Console.Error, cancellationToken));
        return new Command("tokens", "Personal access tokens for the API (/api/v1, Authorization: Bearer).") { create, revoke };
    }

    public static async Task<int> CreateAsync(IServiceProvider services, string userName, string name, string? expires, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        TimeSpan? lifetime = null;
        if (expires is not null)
        {
            if (!ApiTokenService.TryParseLifetime(expires, out var parsed))
            {
                await errors.WriteLineAsync($"--expires {expires}: write a number of days or hours, such as 30d or 12h.");
                return Unreadable;
            }

            lifetime = parsed;
        }

        await using var scope = services.CreateAsyncScope();
        if (await UserAsync(scope.ServiceProvider, userName, errors, cancellationToken) is not { } user)
        {
            return Refused;
        }

        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var made = await tokens.CreateAsync(user, name, lifetime, ApiTokenService.Operator, cancellationToken);
        switch (made.Outcome)
        {
            case TokenCreation.Created:
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Made the token {made.Token!.Name} for {user.UserName}, expiring {made.Token.ExpiresAt:yyyy-MM-dd HH:mm} UTC. It is shown only now; send it as 'Authorization: Bearer <token>':"));
                await output.WriteLineAsync(made.Secret);
                return 0;
            case TokenCreation.NameInUse:
                await errors.WriteLineAsync($"{user.UserName} already has a live token named {name.Trim()}: revoke it first or choose another name.");
                return Refused;
            case TokenCreation.NameInvalid:
                await errors.WriteLineAsync($"--name: 1 to {ApiToken.MaxNameLength} characters, no control characters.");
                return Unreadable;
            case TokenCreation.LifetimeInvalid:
                await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--expires {expires}: at most {tokens.Options.MaxLifetimeDays} days."));
                return Refused;
            default:
                await errors.WriteLineAsync($"{user.UserName} is disabled: a disabled user gets no token.");
                return Refused;
        }
    }

    public static async Task<int> RevokeAsync(IServiceProvider services, string userName, string name, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        await using var scope = services.CreateAsyncScope();
        if (await UserAsync(scope.ServiceProvider, userName, errors, cancellationToken) is not { } user)
        {
            return Refused;
        }

        if (!await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(user, name, ApiTokenService.Operator, cancellationToken))
        {
            await errors.WriteLineAsync($"{user.UserName} has no live token named {name.Trim()}.");
            return Refused;
        }

        await output.WriteLineAsync($"Revoked the token {name.Trim()} of {user.UserName}.");
        return 0;
    }

    private static async Task<WenjiuUser?> UserAsync(IServiceProvider scoped, string userName, TextWriter errors, CancellationToken cancellationToken)
    {
        var pending = await DatabaseMigrator.PendingAsync(scoped, cancellationToken);
        if (pending.Count > 0)
        {
            await errors.WriteLineAsync($"The database is not up to date ({pending.Count} migrations pending): run `wenjiu migrate` first.");
            return null;
        }

        var user = await scoped.GetRequiredService<UserManager<WenjiuUser>>().FindByNameAsync(userName.Trim());
        if (user is null)
        {
            await errors.WriteLineAsync($"No user named {userName.Trim()}.");
        }

        return user;
    }
}
