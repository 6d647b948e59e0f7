using Microsoft.Extensions.Options;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;

namespace Wenjiu.Web;

/// <summary>What <c>serve</c> does before it listens: migrate when configured to, and in demo mode seed the city and the demo accounts.</summary>
internal static class StartUp
{
    public static async Task PrepareAsync(WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        var options = app.Services.GetRequiredService<IOptions<WenjiuOptions>>().Value;
        if (database.MigrateOnStart || options.Demo)
        {
            await DatabaseMigrator.MigrateAsync(app.Services);
        }

        if (options.Demo)
        {
            await DemoData.EnsureSeededAsync(app.Services);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                Console.WriteLine($"Wenjiu is listening on {address}");
            }

            if (options.Demo)
            {
                Console.WriteLine(DemoData.SignInsText());
            }
        });
    }
}
