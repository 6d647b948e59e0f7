using Microsoft.EntityFrameworkCore;
using Wenjiu.Ledger.Contracts;
using Wenjiu.Ledger.Data;
using Wenjiu.Ledger.Domain;
using Wenjiu.Ledger.Features.KeyEnterprises;
using Wenjiu.Ledger.Features.Lines;
using Wenjiu.Ledger.Rules;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Ledger.Demo;

/// <summary>
/// Demo mode: the demo specialist covers the central districts (a second, <c>specialist2</c>, the outer ones, whether
/// or not such an account exists); the demo enterprise's employer and eleven more of the demo city's employers are
/// designated, three of each category, with two or three lines each in several districts and a funnel on some, one stuck.
/// Idempotent: nothing is written once a designation exists.
/// </summary>
internal sealed class LedgerDemoData(
    LedgerDbContext db, Designations designations, Specialists specialists, DemandLines lines, IInsuredEmploymentSource registry, TimeProvider clock) : IDemoData
{
    private static readonly string[] Occupations = ["nurse", "pharmacist", "enterprise_manager"];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.KeyEnterprises.AnyAsync(cancellationToken))
        {
            return;
        }

        var districts = Districts.All.Select(d => d.Code).ToList();
        await specialists.SetAsync("specialist", districts.Take(districts.Count / 2).ToList(), 30, "admin", cancellationToken);
        await specialists.SetAsync("specialist2", districts.Skip(districts.Count / 2).ToList(), 30, "admin", cancellationToken);

        var employers = new List<string> { DemoCity.EnterpriseUscc };
        await using (var month = await registry.OpenMonthAsync(new YearMonth(2020, 2), cancellationToken))
        {
            await foreach (var employer in month.ReadEmployersAsync(cancellationToken))
            {
                if (employers.Count >= 12)
                {
                    break;
                }

                if (employer.Employees >= 20 && employer.Uscc.StartsWith("91", StringComparison.Ordinal) && !employers.Contains(employer.Uscc))
                {
                    employers.Add(employer.Uscc);
                }
            }
        }

        var categories = Enum.GetValues<KeyEnterpriseCategory>();
        var occupations = OccupationTaxonomy.Occupations;
        var today = BeijingTime.DayOf(clock.GetUtcNow());
        var n = 0;
        for (var i = 0; i < employers.Count; i++)
        {
            var (designation, _) = await designations.DesignateAsync(employers[i], LedgerRules.CategoryCode(categories[i % categories.Length]), null, "policy", cancellationToken);
            if (designation is null)
            {
                continue;
            }

            for (var j = 0; j < 2 + (i % 2); j++, n++)
            {
                var occupation = occupations[(n * 7) % occupations.Count];
                var district = districts[(n * 5) % districts.Count];
                var input = new LineInput(
                    occupation.Code, null, null, 2 + (n * 13 % 40), occupation.TypicalSkills.Take(1).ToList(), occupation.TypicalSkills.Skip(1).ToList(),
                    district, $"{Districts.Find(district)!.NameZh}厂区 {n + 1} 号", occupation.TypicalPayMin, occupation.TypicalPayMax,
                    today.AddDays(3 + (n * 11 % 60)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), n % 3 == 0 ? "两班倒 two shifts" : "白班 day shift");
                var outcome = await lines.CreateAsync(employers[i], input, i == 0 ? "enterprise" : "specialist", $"demo-{n}", cancellationToken);
                if (outcome.Line is { } line && n % 4 == 0)
                {
                    // A funnel on every fourth line; on the first candidates have waited at "applied" for a fortnight (stuck).
                    var now = clock.GetUtcNow();
                    for (var c = 0; c < 5; c++)
                    {
                        db.Funnel.Add(new FunnelEntry
                        {
                            LineId = line.Id, CandidateId = -(line.Id * 10 + c), PersonId = -(line.Id * 10 + c), Uscc = line.Uscc,
                            Stage = c < 2 ? FunnelStage.Recommended : c < 4 ? FunnelStage.Applied : FunnelStage.Interviewed,
                            StageAt = now.AddDays(n == 0 ? -14 : -1),
                        });
                    }

                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }
    }
}
