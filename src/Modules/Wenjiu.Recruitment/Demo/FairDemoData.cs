using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Demo;

/// <summary>
/// Demo mode: the 2020 graduates' online recruitment month with a fair held on its first day, and a fair open from the
/// demo's first start for 60 days (so the demo seeker can take a number and the demo enterprise can call it), each with
/// booths of 12 employers (key enterprises in the urgent column) showing their demo postings. Idempotent: nothing is
/// written once a campaign exists; runs after the postings' demo data.
/// </summary>
internal sealed class FairDemoData(RecruitmentDbContext db, TimeProvider clock) : IDemoData
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Campaigns.AnyAsync(cancellationToken) || !await db.Postings.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var campaign = new Campaign
        {
            Kind = CampaignKind.GraduatesMonth, NameZh = "2020年高校毕业生网上招聘月", NameEn = "2020 graduates' online recruitment month",
            StartsOn = new DateOnly(2020, 5, 20), EndsOn = new DateOnly(2020, 7, 19), CreatedBy = "demo", CreatedAt = now,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        var opening = BeijingTime.StartOf(new DateOnly(2020, 5, 20)).AddHours(9);
        var held = new Fair
        {
            CampaignId = campaign.Id, NameZh = "首场空中双选会", NameEn = "Opening online double-choice fair", StartsAt = opening, EndsAt = opening.AddHours(8),
            RegistrationClosesAt = opening, CreatedBy = "demo", CreatedAt = now,
        };
        var open = new Fair
        {
            CampaignId = campaign.Id, NameZh = "重点企业急聘专场", NameEn = "Key enterprises' urgent hiring fair", StartsAt = now.AddMinutes(-5), EndsAt = now.AddDays(60),
            RegistrationClosesAt = now.AddDays(59), CreatedBy = "demo", CreatedAt = now,
        };
        db.Fairs.AddRange(held, open);
        await db.SaveChangesAsync(cancellationToken);

        // The demo enterprise first, then key enterprises, then others: 12 employers with open postings.
        var postings = await db.Postings.AsNoTracking().Where(p => p.Status == PostingStatus.Open)
            .Select(p => new { p.Id, p.Uscc, p.EmployerName, p.KeyEnterprise }).ToListAsync(cancellationToken);
        var employers = postings.GroupBy(p => p.Uscc)
            .OrderBy(g => g.Key == DemoCity.EnterpriseUscc ? 0 : g.Any(p => p.KeyEnterprise) ? 1 : 2).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(12).ToList();
        foreach (var fair in (Fair[])[held, open])
        {
            foreach (var employer in employers)
            {
                db.Booths.Add(new Booth
                {
                    FairId = fair.Id, Uscc = employer.Key, EmployerName = employer.First().EmployerName, KeyEnterprise = employer.Any(p => p.KeyEnterprise),
                    Urgency = employer.Any(p => p.KeyEnterprise) ? 100m : 0m, PostingIds = string.Join(' ', employer.Select(p => p.Id).Order().Take(5)),
                    RegisteredBy = "demo", RegisteredAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
