using System.CommandLine;
using Microsoft.Extensions.Options;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Modules;

namespace Wenjiu.Web.CommandLine;

/// <summary>
/// The verbs of the one executable. <c>serve</c> is the default; the others run against the same configuration
/// (appsettings, environment variables such as <c>Database__Provider</c>) and exit with a status code.
/// </summary>
internal static class WenjiuCommands
{
    /// <summary>A verb that is neither known nor a request for help: an error naming the verbs, as a shell's usage error.</summary>
    public const int UnknownVerb = 2;

    /// <summary>The host's own verbs; the modules add theirs (<see cref="CommandLineVerb"/>, registered in their <c>AddX()</c>).</summary>
    private static readonly string[] HostVerbs = ["migrate", "users", "audit"];

    /// <summary>What the root command answers itself: help (System.CommandLine's aliases, and <c>help</c>) and the version.</summary>
    private static readonly string[] RootOptions = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>
    /// What the arguments ask for. Nothing, <c>serve</c>, or only the host's own options (<c>--urls</c>, <c>--environment</c>,
    /// <c>--Database:Provider=…</c>) serve; <c>help</c>, <c>--help</c> and the verbs run and exit; any other first word is a
    /// mistyped verb and must never start the web server.
    /// </summary>
    private static bool Serves(string[] args) =>
        args.Length == 0
        || (args[0] == "serve" && !args.Skip(1).Any(a => RootOptions.Contains(a)))
        || (args[0].StartsWith('-') && !RootOptions.Contains(args[0]));

    /// <summary>Arguments meant for the web host: everything when serving, nothing when running a verb.</summary>
    public static string[] HostArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!Serves(args))
        {
            return [];
        }

        return args.Length > 0 && args[0] == "serve" ? args[1..] : args;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (Serves(args))
        {
            await StartUp.PrepareAsync(app);
            await app.RunAsync();
            return 0;
        }

        var verbs = HostVerbs.Concat(app.Services.GetServices<CommandLineVerb>().Select(v => v.Name)).ToList();
        if (args[0] == "help")
        {
            // "wenjiu help" is "wenjiu --help"; "wenjiu help import" is "wenjiu import --help".
            args = [.. args[1..], "--help"];
        }
        else if (!RootOptions.Contains(args[0]) && !verbs.Contains(args[0]) && args[0] != "serve")
        {
            await Console.Error.WriteLineAsync(
                $"'{args[0]}' is not a wenjiu verb. The verbs are: serve (the default), {string.Join(", ", verbs)}. Run `wenjiu --help` for what each does.");
            return UnknownVerb;
        }

        return await Root(app).Parse(args).InvokeAsync();
    }

    private static RootCommand Root(WebApplication app)
    {
        var root = new RootCommand("Wenjiu: employment-stabilisation platform. Without a verb it serves the web pages and the API.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(Migrate(app));
        root.Subcommands.Add(UsersCommand.Create(app));
        root.Subcommands.Add(Audit(app));
        foreach (var verb in app.Services.GetServices<CommandLineVerb>())
        {
            root.Subcommands.Add(verb.Create(app.Services));
        }

        return root;
    }

    /// <summary>Only for the help: <c>serve</c> is dispatched before parsing, because the host's options are its own.</summary>
    private static Command Serve() =>
        new("serve", "Serve the web pages and the API (the default). Host options: --urls http://localhost:5080, --environment Development, and any setting as --Section:Key=value (docs/operations.md).");

    private static Command Migrate(WebApplication app)
    {
        var command = new Command("migrate", "Apply every module's database migrations.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await DatabaseMigrator.MigrateAsync(app.Services, cancellationToken);
            await Console.Out.WriteLineAsync("Database is up to date.");
            return 0;
        });
        return command;
    }

    private static Command Audit(WebApplication app)
    {
        var head = new Option<string?>("--head") { Description = "the newest entry recorded earlier (ID:HASH, as verify prints it): check it is still there" };
        var verify = new Command("verify", "Check the audit log's hash chain; name the first entry altered or removed.") { head };
        verify.SetAction(async (result, cancellationToken) => await AuditCommand.VerifyAsync(app.Services, Console.Out, Console.Error, cancellationToken, result.GetValue(head)));
        return new Command("audit", "Audit log tools.") { verify };
    }
}
