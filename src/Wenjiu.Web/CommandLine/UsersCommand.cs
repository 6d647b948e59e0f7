using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Identity;
using Wenjiu.Web.Security;

namespace Wenjiu.Web.CommandLine;

/// <summary>
/// <c>users create-admin --user NAME [--password P]</c>: the first administrator of a production installation,
/// which starts with no account at all. Without a password one is generated and printed once.
/// </summary>
internal static class UsersCommand
{
    public static Command Create(WebApplication app)
    {
        var user = new Option<string>("--user") { Description = "user name of the new administrator", Required = true };
        var password = new Option<string?>("--password") { Description = "initial password (at least 10 characters, upper and lower case and a digit); generated when left out" };
        var createAdmin = new Command("create-admin", "Create a bureau administrator (and the roles, if missing).") { user, password };
        createAdmin.SetAction(async (result, cancellationToken) =>
            await CreateAdminAsync(app.Services, result.GetValue(user)!, result.GetValue(password), Console.Out, Console.Error, cancellationToken));
        return new Command("users", "Accounts.") { createAdmin };
    }

    public static async Task<int> CreateAdminAsync(IServiceProvider services, string userName, string? password, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        await using var scope = services.CreateAsyncScope();
        var pending = await DatabaseMigrator.PendingAsync(scope.ServiceProvider, cancellationToken);
        if (pending.Count > 0)
        {
            await errors.WriteLineAsync($"The database is not up to date ({pending.Count} migrations pending): run `wenjiu migrate` first.");
            return 1;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<WenjiuUser>>();
        if (await users.FindByNameAsync(userName.Trim()) is not null)
        {
            await errors.WriteLineAsync($"A user named {userName.Trim()} already exists: choose another name.");
            return 1;
        }

        var accounts = scope.ServiceProvider.GetRequiredService<AccountCreation>();
        var created = await accounts.CreateAsync(new NewAccount(userName, "系统管理员 Administrator", Roles.Administrator, Password: password), cancellationToken);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                await errors.WriteLineAsync(error.Description);
            }

            return 1;
        }

        await output.WriteLineAsync($"Created the administrator {userName.Trim()}.");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"Generated password (shown only now): {created.Password}");
        }

        await output.WriteLineAsync("Outside demo mode the first sign-in asks to set up two-factor sign-in with an authenticator app.");
        return 0;
    }
}
