using Microsoft.EntityFrameworkCore;
using Wenjiu.Platform.Modules;
using Wenjiu.Platform.Periods;
using Wenjiu.Platform.Time;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Recruitment.Domain;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Recruitment.Demo;

/// <summary>
/// Demo mode: 3,000 open postings over 300 of the demo city's employers, deterministic (seed 2020): occupations from the
/// taxonomy, bilingual titles, the employer's own district mostly, pay within the occupation's typical range, posted
/// over the last 25 days (none stale at load). Bulk-loaded in batches; each posting gets its change so every node's
/// index picks them up. Idempotent: nothing is written once a posting exists. The demo <c>seeker</c> account is bound to
/// a 2020 graduate with a resume (registered through the registry's person records like any seeker), once.
/// </summary>
internal sealed class RecruitmentDemoData(
    RecruitmentDbContext db, IInsuredEmploymentSource registry, IEmployerDirectory directory, Features.Seekers.Seekers seekers, TimeProvider clock) : IDemoData
{
    public const int Postings = 3000;

    /// <summary>The demo account a job seeker signs in with (<c>DemoData</c> in the host creates it).</summary>
    public const string DemoSeekerUser = "seeker";

    private static readonly string[] PrefixZh = ["急招", "诚聘", "长期招聘", "高薪招聘", ""];
    private static readonly string[] PrefixEn = ["Urgent: ", "Hiring: ", "Long-term: ", "Well paid: ", ""];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SeedDemoSeekerAsync(cancellationToken);
        if (await db.Postings.AnyAsync(cancellationToken))
        {
            return;
        }

        var employers = new List<(string Uscc, string District)>();
        await using (var month = await registry.OpenMonthAsync(new YearMonth(2020, 2), cancellationToken))
        {
            await foreach (var employer in month.ReadEmployersAsync(cancellationToken))
            {
                employers.Add((employer.Uscc, employer.District));
                if (employers.Count == 300)
                {
                    break;
                }
            }
        }

        if (employers.Count == 0)
        {
            return;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (uscc, _) in employers)
        {
            names[uscc] = await directory.NameAsync(uscc, cancellationToken) ?? uscc;
        }

        var random = new Random(DemoCity.Seed);
        var now = clock.GetUtcNow();
        var today = BeijingTime.DayOf(now);
        var occupations = OccupationTaxonomy.Occupations;
        var districts = Districts.All;
        var educations = Enum.GetValues<Education>();
        for (var start = 0; start < Postings; start += 500)
        {
            var batch = new List<Posting>();
            for (var i = start; i < Math.Min(Postings, start + 500); i++)
            {
                var (uscc, district) = employers[random.Next(employers.Count)];
                var occupation = occupations[random.Next(occupations.Count)];
                var prefix = random.Next(PrefixZh.Length);
                var min = Math.Round((occupation.TypicalPayMin + (decimal)random.NextDouble() * (occupation.TypicalPayMax - occupation.TypicalPayMin) / 2) / 100) * 100;
                var max = Math.Max(min + 500, Math.Round((min + (decimal)random.NextDouble() * (occupation.TypicalPayMax - min)) / 100) * 100);
                var age = random.Next(25);
                batch.Add(new Posting
                {
                    Uscc = uscc,
                    EmployerName = names[uscc],
                    TitleZh = PrefixZh[prefix] + occupation.NameZh,
                    TitleEn = PrefixEn[prefix] + occupation.NameEn,
                    DescriptionZh = $"{occupation.NameZh}（{string.Join("、", occupation.SynonymsZh)}）",
                    DescriptionEn = $"{occupation.NameEn} ({string.Join(", ", occupation.SynonymsEn)})",
                    Occupation = occupation.Code,
                    Skills = string.Join(' ', occupation.TypicalSkills),
                    District = random.Next(4) == 0 ? districts[random.Next(districts.Count)].Code : district,
                    PayMin = min,
                    PayMax = max,
                    Education = educations[Math.Min(educations.Length - 1, occupation.MajorGroup == 2 ? 4 + random.Next(3) : random.Next(4))],
                    PostedOn = today.AddDays(-age),
                    RefreshedAt = now.AddDays(-age),
                    Status = PostingStatus.Open,
                    KeyEnterprise = random.Next(10) == 0,
                    CreatedBy = "demo",
                    ChangedAt = now,
                });
            }

            db.Postings.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.PostingChanges.AddRange(batch.Select(p => new PostingChange { PostingId = p.Id, At = now }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A 2020 software engineering graduate from Haidian, bound to the demo <c>seeker</c> account, with three resume lines.</summary>
    private async Task SeedDemoSeekerAsync(CancellationToken cancellationToken)
    {
        if (await db.Seekers.AnyAsync(s => s.UserName == DemoSeekerUser, cancellationToken))
        {
            return;
        }

        // Born 15 June 1998 in Haidian; the check character is computed, so the number is valid and plainly synthetic.
        const string First17 = "11010819980615002";
        var idNumber = First17 + ResidentIdentityNumber.CheckCharacter(First17);
        var registered = await seekers.RegisterAsync(idNumber, new Features.Seekers.SeekerProfileInput(
            "李明轩", "13800138000", "graduate", "110108", "bachelor", "北京工业大学", "软件工程", 2020, null, [], ["software_engineer"], 9000m, true),
            DemoSeekerUser, "demo", cancellationToken);
        if (registered.Value is not { } seeker)
        {
            return;
        }

        await seekers.SaveEntryAsync(seeker, null, new("education", new DateOnly(2016, 9, 1), new DateOnly(2020, 7, 1), "北京工业大学", "软件工程 学士", null, ""), cancellationToken);
        await seekers.SaveEntryAsync(seeker, null, new("work", new DateOnly(2019, 7, 1), new DateOnly(2019, 9, 30), "北京明德软件有限公司", "开发实习生", "software_engineer", "参与内部管理系统的前后端开发。"), cancellationToken);
        await seekers.SaveEntryAsync(seeker, null, new("certificate", new DateOnly(2018, 12, 1), null, "教育部考试中心", "大学英语六级", null, ""), cancellationToken);
    }
}
