using Microsoft.Extensions.Logging;
using Wenjiu.Platform.Modules;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Registry.SyntheticCity;

/// <summary>
/// Demo mode: the synthetic city's job seekers (<see cref="Seekers"/> rows of the generator <c>seed</c> uses, from the
/// demo seed) handed to the recruitment module's bulk path when the host has it, so that recommendations and candidate
/// lists show people after <c>dotnet run</c>. The loader does nothing once they are there. The demo's postings are the
/// recruitment module's own (fewer, recent, all open); only the seekers come from the market files.
/// </summary>
internal sealed class DemoMarketData(IEnumerable<IMarketFiles> recruitment, ILogger<DemoMarketData> logger) : IDemoData
{
    public const int Seekers = 500;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (recruitment.FirstOrDefault() is not { } market)
        {
            return;
        }

        var directory = Path.Combine(Path.GetTempPath(), $"wenjiu-demo-market-{Guid.NewGuid():N}");
        try
        {
            var loaded = await market.LoadDemoSeekersAsync(MarketFiles.WriteSeekersOnly(DemoCity.Seed, Seekers, directory), cancellationToken);
            if (loaded > 0)
            {
                logger.LogInformation("Seeding the demo city's job seekers: {Seekers}", loaded);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
