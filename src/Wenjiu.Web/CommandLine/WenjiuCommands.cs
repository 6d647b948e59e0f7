using System.CommandLine;
using Microsoft.Extensions.Options;
using Wenjiu.Platform;

namespace Wenjiu.Web.CommandLine;

/// <summary>
/// The verbs of the one executable. <c>serve</c> is the default; the others run against the same configuration
/// (appsettings, environment variables such as <c>Database__Provider</c>) and exit with a status code.
/// </summary>
internal static class WenjiuCommands
{
    private static readonly string[] Verbs = ["migrate", "seed", "import", "users", "audit", "relief", "report", "assess"];

    /// <summary>Arguments meant for the web host: everything when serving, nothing when running a verb.</summary>
    public static string[] HostArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "serve")
        {
            return args[1..];
        }

        return args.Length > 0 && Verbs.Contains(args[0]) ? [] : args;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0]))
        {
            await StartUp.PrepareAsync(app);
            await app.RunAsync();
            return 0;
        }

        var root = new RootCommand("Wenjiu: employment-stabilisation platform");
        root.Subcommands.Add(Migrate(app));
        root.Subcommands.Add(Seed(app));
        root.Subcommands.Add(UsersCommand.Create(app));
        root.Subcommands.Add(ImportCommand.Create(app));
        root.Subcommands.Add(Audit(app));
        root.Subcommands.Add(ReliefCommand.Create(app));
        root.Subcommands.Add(ReportCommand.Create(app));
        root.Subcommands.Add(AssessCommand.Create(app));
        return await root.Parse(args).InvokeAsync();
    }

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

    private static Command Seed(WebApplication app)
    {
        var scale = new Option<string>("--scale") { Description = "demo (about 2,000 employers) or city (about 615,000)", DefaultValueFactory = _ => "demo" };
        scale.AcceptOnlyFromAmong("demo", "city");
        var seed = new Option<int>("--seed") { Description = "generator seed: the same seed gives the same city", DefaultValueFactory = _ => 2020 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "write the two interchange files here instead of loading them" };
        var command = new Command("seed", "Generate the synthetic city and load it (or write its files).") { scale, seed, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var city = Wenjiu.Registry.SyntheticCity.CityScale.Parse(result.GetValue(scale)!);
            return await SeedCommand.RunAsync(app, city, result.GetValue(seed), result.GetValue(output), cancellationToken);
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
