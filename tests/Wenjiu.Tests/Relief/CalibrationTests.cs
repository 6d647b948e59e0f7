using Wenjiu.Platform.Database;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Relief.SmallRegistry;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// Calibration (issue 3 §8): the synthetic demo city, loaded by the importer and assessed for February 2020, gives relief
/// per insured within 10% of Beijing's published figures: 1,044 yuan for large employers, 1,245 yuan for SMEs.
/// </summary>
public sealed class CalibrationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_demo_city_assessed_for_february_2020_gives_relief_per_insured_within_ten_percent_of_the_published_figures(DatabaseProvider provider)
    {
        await using var factory = await WenjiuFactory.CreateAsync(provider);
        await DemoCity.ImportAsync(factory);

        var outcome = await AssessAsync(factory, February);

        Assert.True(outcome.Completed, outcome.Message);
        var rows = await RowsAsync(factory, outcome.RunId);
        static decimal Relief(Wenjiu.Relief.Domain.EmployerAssessment a) => a.PensionEmployerRelief + a.UnemploymentEmployerRelief + a.WorkInjuryEmployerRelief;
        var large = rows.Where(r => r.ReportClass == "large").ToList();
        var sme = rows.Where(r => r.Category == "sme").ToList();
        var largePerInsured = large.Sum(Relief) / large.Sum(r => r.Insured);
        var smePerInsured = sme.Sum(Relief) / sme.Sum(r => r.Insured);
        Assert.InRange(largePerInsured, 1_044m * 0.9m, 1_044m * 1.1m);
        Assert.InRange(smePerInsured, 1_245m * 0.9m, 1_245m * 1.1m);
    }
}
