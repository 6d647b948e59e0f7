using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Modules;
using Wenjiu.Recruitment.Demo;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Recruitment;

/// <summary>Recruitment's demo data: the demo <c>seeker</c> account bound to a 2020 graduate with a resume, once.</summary>
public sealed class RecruitmentDemoDataTests
{
    [Fact]
    public async Task The_demo_seeker_account_is_a_2020_graduate_with_a_resume_and_a_registry_person_once()
    {
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite, RecruitmentData.NoDispatch);

        await SeedAsync(factory);
        await SeedAsync(factory);

        var seeker = Assert.Single(await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.AsNoTracking().ToListAsync()));
        Assert.Equal(RecruitmentDemoData.DemoSeekerUser, seeker.UserName);
        Assert.Equal(2020, seeker.GraduationYear);
        Assert.Equal(3, await RecruitmentData.RecruitmentAsync(factory, db => db.ResumeEntries.CountAsync(e => e.SeekerId == seeker.Id)));
        Assert.Equal(seeker.PersonId, await RegistryData.QueryAsync(factory, db => db.Persons.Select(p => p.Id).SingleAsync()));
    }

    private static async Task SeedAsync(WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IDemoData>().OfType<RecruitmentDemoData>().Single().SeedAsync(CancellationToken.None);
    }
}
