using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wenjiu.Payments.Data;
using Wenjiu.Payments.Domain;
using Wenjiu.Payments.Features.Agencies;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Identity;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Recruitment.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Tests.Events;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Recruitment;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Payments;

/// <summary>
/// Issue 10 §5: an HR agency's referral that the employer hired (recruitment's <c>FunnelStageReached</c> through the
/// outbox) becomes the agency's placement, by the registry's person number, confirmed by the person's insured spell.
/// </summary>
public sealed class ReferralPlacementTests
{
    /// <summary>A day inside the counting window (2020-01-24 … 2020-06-30), so that a placement without a spell is still pending.</summary>
    private static readonly DateTimeOffset March20 = new(2020, 3, 20, 2, 0, 0, TimeSpan.Zero);

    /// <summary>10:00 in Beijing on 2020-03-10.</summary>
    private static readonly DateTimeOffset HiredAt = new(2020, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private static long nextCandidate = 90_000;

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_hired_agency_referral_is_pending_until_the_persons_insured_spell_there_confirms_it_and_then_counts_toward_the_tier(DatabaseProvider provider)
    {
        await using var city = await City.CreateAsync(provider, March20);
        // 49 persons of the agency's own list, confirmed: the referral is the 50th, the first tier.
        var listed = Enumerable.Range(0, 49).Select(_ => RegistryData.NewIdNumber()).ToList();
        await city.EmploymentAsync([.. listed.Select(id => (id, city.Key, "2020-03"))]);
        await city.SubsidiesAsync(s => s.RecordAsync(city.Agency, [.. listed.Select(id => new PlacementInput(id, city.Key, "2020-03-02"))], "agency"));
        var number = RegistryData.NewIdNumber();
        var person = await city.PersonAsync(number, "王小明");

        await city.HireAsync(NextCandidate(), person.Id, city.Key, city.Agency.Uscc);

        var placement = await city.QueryAsync(db => db.Placements.AsNoTracking().SingleAsync(p => p.Source == PlacementSource.Referral));
        Assert.Equal((PlacementStatus.Pending, (long?)person.Id, new DateOnly(2020, 3, 10)), (placement.Status, placement.PersonId, placement.PlacedOn));
        Assert.Null(placement.IdNumber);
        Assert.Equal(49, (await city.ProgressAsync()).Counted);
        Assert.Equal(0, await city.QueryAsync(db => db.SubsidyClaims.CountAsync()));

        await city.EmploymentAsync([(number, city.Key, "2020-03")]);

        var confirmed = await city.QueryAsync(db => db.Placements.AsNoTracking().SingleAsync(p => p.Id == placement.Id));
        Assert.Equal(PlacementStatus.Confirmed, confirmed.Status);
        Assert.Equal(50, (await city.ProgressAsync()).Counted);
        var claim = await city.QueryAsync(db => db.SubsidyClaims.SingleAsync());
        Assert.Equal((50, 24_000m, 50), (claim.Tier, claim.Amount, claim.ConfirmedPersons));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_hire_the_outbox_delivers_twice_makes_one_placement(DatabaseProvider provider)
    {
        await using var city = await City.CreateAsync(provider, March20);
        var person = await city.PersonAsync(RegistryData.NewIdNumber(), "李四");
        var candidate = NextCandidate();

        await city.HireAsync(candidate, person.Id, city.Key, city.Agency.Uscc);
        await city.HireAsync(candidate, person.Id, city.Key, city.Agency.Uscc);
        // The same person hired again through another application of the same agency at the same employer: still one.
        await city.HireAsync(NextCandidate(), person.Id, city.Key, city.Agency.Uscc);

        var placement = await city.QueryAsync(db => db.Placements.AsNoTracking().SingleAsync());
        Assert.Equal(candidate, placement.ReferralCandidateId);
    }

    [Fact]
    public async Task A_hire_without_an_agency_by_an_unregistered_agency_or_short_of_hired_makes_no_placement()
    {
        await using var city = await City.CreateAsync(DatabaseProvider.Sqlite, March20);
        var person = await city.PersonAsync(RegistryData.NewIdNumber(), "赵五");

        await city.HireAsync(NextCandidate(), person.Id, city.Key, agencyUscc: null);
        await city.HireAsync(NextCandidate(), person.Id, city.Key, RegistryData.NewUscc(district: "110108"));
        await city.HireAsync(NextCandidate(), person.Id, city.Key, city.Agency.Uscc, FunnelStage.Interviewed);

        Assert.Equal(0, await city.QueryAsync(db => db.Placements.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_person_on_the_agencys_own_list_whom_its_referral_then_brings_to_a_hire_is_one_placement(DatabaseProvider provider)
    {
        await using var city = await City.CreateAsync(provider, March20);
        var number = RegistryData.NewIdNumber();
        var person = await city.PersonAsync(number, "钱六");
        await city.SubsidiesAsync(s => s.RecordAsync(city.Agency, [new PlacementInput(number, city.Key, "2020-03-02")], "agency"));
        var candidate = NextCandidate();

        await city.HireAsync(candidate, person.Id, city.Key, city.Agency.Uscc);
        await city.EmploymentAsync([(number, city.Key, "2020-03")]);

        var placement = await city.QueryAsync(db => db.Placements.AsNoTracking().SingleAsync());
        Assert.Equal((PlacementSource.List, candidate, PlacementStatus.Confirmed), (placement.Source, placement.ReferralCandidateId, placement.Status));
        Assert.Equal(1, (await city.ProgressAsync()).Counted);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_referral_placement_that_the_agency_then_lists_by_identity_number_is_one_placement(DatabaseProvider provider)
    {
        await using var city = await City.CreateAsync(provider, March20);
        var number = RegistryData.NewIdNumber();
        var person = await city.PersonAsync(number, "孙七");
        var candidate = NextCandidate();
        await city.HireAsync(candidate, person.Id, city.Key, city.Agency.Uscc);

        await city.SubsidiesAsync(s => s.RecordAsync(city.Agency, [new PlacementInput(number, city.Key, "2020-03-12")], "agency"));
        await city.EmploymentAsync([(number, city.Key, "2020-03")]);

        var placement = await city.QueryAsync(db => db.Placements.AsNoTracking().SingleAsync());
        // The listed row stays (it holds the number the agency gave) with the referral's source and the earlier date.
        Assert.Equal((candidate, (long?)person.Id, new DateOnly(2020, 3, 10)), (placement.ReferralCandidateId, placement.PersonId, placement.PlacedOn));
        Assert.NotNull(placement.IdNumber);
        Assert.Equal(PlacementStatus.Confirmed, placement.Status);
        Assert.Equal(1, (await city.ProgressAsync()).Counted);
    }

    [Fact]
    public async Task The_agencys_placements_page_shows_a_referral_placement_with_the_persons_masked_name_and_number_and_marks_it_from_referral()
    {
        // The real clock (the sign-in cookie must not have expired in 2020): the placement is then past its window, not confirmed.
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite, RecruitmentData.NoDispatch);
        var key = RegistryData.NewUscc();
        var agencyUscc = RegistryData.NewUscc(district: "110108");
        await City.EmployersAsync(factory, key, agencyUscc);
        using var agencyUser = await SignedInClient.CreateAsync(factory, Roles.HrAgency, agencyUscc);
        using var register = await agencyUser.PostFormAsync("/Payments/Placements", "/Payments/Placements?handler=Register", [new("name", "北京人力资源服务公司"), new("licence", "京人服证字〔2019〕第0003号")]);
        var number = RegistryData.NewIdNumber();
        PersonRecord person;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            person = await scope.ServiceProvider.GetRequiredService<IPersonRecords>().EnsureAsync(number, "周八一", "test");
        }

        // A person the agency lists itself shows only the number it typed: typing a number teaches it no name.
        var listed = RegistryData.NewIdNumber();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPersonRecords>().EnsureAsync(listed, "郑十一", "test");
            var subsidies = scope.ServiceProvider.GetRequiredService<AgencySubsidies>();
            await subsidies.RecordAsync((await subsidies.FindAsync(agencyUscc))!, [new PlacementInput(listed, key, "2020-03-02")], "agency");
        }

        await City.PublishHireAsync(factory, NextCandidate(), person.Id, key, agencyUscc, FunnelStage.Hired, HiredAt);
        await factory.DispatchAsync();
        var english = await agencyUser.GetPageAsync("/Payments/Placements?culture=en");
        var chinese = await agencyUser.GetPageAsync("/Payments/Placements?culture=zh-CN");

        Assert.Contains("from referral", english, StringComparison.Ordinal);
        Assert.Contains("来自推荐", chinese, StringComparison.Ordinal);
        Assert.Contains("周**", english, StringComparison.Ordinal);
        Assert.Contains(Masking.IdentityNumber(number), english, StringComparison.Ordinal);
        Assert.DoesNotContain(number, english, StringComparison.Ordinal);
        Assert.DoesNotContain("周八一", english, StringComparison.Ordinal);
        Assert.Contains(Masking.IdentityNumber(listed), english, StringComparison.Ordinal);
        Assert.DoesNotContain("郑**", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agency_referral_the_employer_hires_through_recruitment_becomes_the_agencys_placement_by_person_number()
    {
        // Recruitment's own path end to end (referral, hire, outbox); today's clock puts the hire outside 2020's window.
        await using var factory = await WenjiuFactory.CreateAsync(DatabaseProvider.Sqlite, RecruitmentData.NoDispatch);
        var employerUscc = RegistryData.NewUscc();
        var agencyUscc = RegistryData.NewUscc(district: "110108");
        await City.EmployersAsync(factory, employerUscc, agencyUscc);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AgencySubsidies>().RegisterAsync(agencyUscc, "北京人力资源服务公司", "京人服证字〔2019〕第0004号", "agency");
        }

        var posting = await RecruitmentData.PostAsync(factory, "仓储调度员", "Warehouse dispatcher", "software_engineer", uscc: employerUscc, keyEnterprise: true);
        var (seeker, seekerId) = await SeekerData.RegisteredSeekerAsync(factory, "吴九");
        using var agency = await SignedInClient.CreateAsync(factory, Roles.HrAgency, agencyUscc);
        using var employer = await SignedInClient.CreateAsync(factory, Roles.Enterprise, employerUscc);
        using (seeker)
        {
            (await SeekerData.SendAsync(seeker, HttpMethod.Put, $"/api/v1/seekers/me/consents/{agencyUscc}")).Dispose();
        }

        using var referral = await SeekerData.SendAsync(agency, HttpMethod.Post, $"/api/v1/jobs/{posting}/referrals", new { seeker_id = seekerId }, "r1");
        var application = (await SeekerData.JsonAsync(referral)).GetProperty("id").GetInt64();
        using var hired = await SeekerData.SendAsync(employer, HttpMethod.Post, $"/api/v1/applications/{application}/stage", new { stage = "hired" });
        await factory.DispatchAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, hired.StatusCode);
        var personId = await RecruitmentData.RecruitmentAsync(factory, db => db.Seekers.Where(s => s.Id == seekerId).Select(s => s.PersonId).SingleAsync());
        await using var read = factory.Services.CreateAsyncScope();
        var placement = await read.ServiceProvider.GetRequiredService<PaymentsDbContext>().Placements.AsNoTracking().SingleAsync();
        Assert.Equal((PlacementSource.Referral, (long?)application, (long?)personId, employerUscc), (placement.Source, placement.ReferralCandidateId, placement.PersonId, placement.EmployerUscc));
        Assert.Equal((PlacementStatus.NotConfirmed, "outside_window"), (placement.Status, placement.Reason));
    }

    private static long NextCandidate() => Interlocked.Increment(ref nextCandidate);

    /// <summary>A key enterprise, an agency registered for the subsidy, a clock in 2020 and the outbox delivered by hand.</summary>
    private sealed class City : IAsyncDisposable
    {
        private City(WenjiuFactory factory, string key, Agency agency)
        {
            Factory = factory;
            Key = key;
            Agency = agency;
        }

        public WenjiuFactory Factory { get; }

        public string Key { get; }

        public Agency Agency { get; }

        public static async Task<City> CreateAsync(DatabaseProvider provider, DateTimeOffset now)
        {
            var clock = new SettableClock(now);
            var factory = await WenjiuFactory.CreateAsync(provider, RecruitmentData.NoDispatch, services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
            var key = RegistryData.NewUscc();
            var agencyUscc = RegistryData.NewUscc(district: "110108");
            await EmployersAsync(factory, key, agencyUscc);
            // A first load is the registry's starting state and tells nothing: one, so that the test's spells are news.
            await factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Csv("id_number,name,uscc,start_month,end_month,wage", $"{RegistryData.NewIdNumber()},测试人员,{agencyUscc},2019-01,,6000"));
            await using var scope = factory.Services.CreateAsyncScope();
            var agency = (await scope.ServiceProvider.GetRequiredService<AgencySubsidies>().RegisterAsync(agencyUscc, "北京人力资源服务公司", "京人服证字〔2019〕第0002号", "agency")).Agency!;
            return new City(factory, key, agency);
        }

        public static async Task EmployersAsync(WenjiuFactory factory, string key, string agencyUscc) =>
            await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Csv(
                "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise",
                $"{key},重点保供企业,retail,110105,200,5000,3000,0.4,true",
                $"{agencyUscc},北京人力资源服务公司,leasing_business,110108,20,500,300,0.2,false"));

        /// <summary>Recruitment's event, published through the outbox as recruitment publishes it when an employer hires.</summary>
        public static async Task PublishHireAsync(WenjiuFactory factory, long candidate, long personId, string uscc, string? agencyUscc, FunnelStage stage, DateTimeOffset at)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RecruitmentDbContext>();
            db.Publish(new FunnelStageReached(candidate, 1, null, uscc, personId, stage, agencyUscc, at), scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            await db.SaveChangesAsync();
        }

        public async Task HireAsync(long candidate, long personId, string uscc, string? agencyUscc, FunnelStage stage = FunnelStage.Hired)
        {
            await PublishHireAsync(Factory, candidate, personId, uscc, agencyUscc, stage, HiredAt);
            await Factory.DispatchAsync();
        }

        /// <summary>Insured spells imported after the first load: each publishes <c>InsuredSpellStarted</c>, delivered here.</summary>
        public async Task EmploymentAsync(IReadOnlyList<(string IdNumber, string Uscc, string StartMonth)> spells)
        {
            await Factory.ImportAsync(ImportKind.Employment, "employment.csv", ImportFiles.Csv(
                [.. new[] { "id_number,name,uscc,start_month,end_month,wage" }.Concat(spells.Select(s => $"{s.IdNumber},测试人员,{s.Uscc},{s.StartMonth},,6000"))]));
            await Factory.DispatchAsync();
        }

        public async Task<PersonRecord> PersonAsync(string number, string name)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IPersonRecords>().EnsureAsync(number, name, "test: a registered seeker");
        }

        public async Task SubsidiesAsync(Func<AgencySubsidies, Task> act)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await act(scope.ServiceProvider.GetRequiredService<AgencySubsidies>());
        }

        public async Task<AgencyProgress> ProgressAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<AgencySubsidies>().ProgressAsync(Agency.Uscc, "agency"))!;
        }

        public async Task<T> QueryAsync<T>(Func<PaymentsDbContext, Task<T>> query)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>());
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }
}
