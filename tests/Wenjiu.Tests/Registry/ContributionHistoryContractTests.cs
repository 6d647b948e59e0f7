using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform;
using Wenjiu.Platform.Database;
using Wenjiu.Platform.Events;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Tests.Infrastructure;
using static Wenjiu.Tests.Registry.ImportFiles;

namespace Wenjiu.Tests.Registry;

/// <summary>The registry's contracts of issue 9: the contribution history, placement evidence and the policy size class.</summary>
public sealed class ContributionHistoryContractTests
{
    private static readonly YearMonth January = new(2019, 1);
    private static readonly YearMonth December = new(2019, 12);
    private static readonly YearMonth Baseline = new(2018, 12);

    /// <summary>
    /// At A: person 1 through a wage change in 2019-06 (two spells, one person), person 2 left 2019-03, person 3 joined
    /// 2019-02, person 4 left 2018-11 (not at the baseline). At B: person 5 from 2019-12. C: nobody.
    /// </summary>
    private static string History => Csv(
        "id_number,name,uscc,start_month,end_month,wage",
        $"{Person1},张伟,{EmployerA},2018-01,2019-05,8000",
        $"{Person1},张伟,{EmployerA},2019-06,,8800",
        $"{Person2},李娜,{EmployerA},2017-05,2019-03,6000",
        $"{Person3},王芳,{EmployerA},2019-02,,7000",
        $"{Person4},赵敏,{EmployerA},2016-01,2018-11,9000",
        $"{Person5},钱伟,{EmployerB},2019-12,,5000");

    /// <summary>A in every month of 2019 but one in arrears by a fen, and a 2018 month outside the range; B from 2019-12; C never.</summary>
    private static string Contributions => Csv(
        "uscc,month,insured,due,paid,unemployment_paid,paid_on",
        $"{EmployerA},2018-12,2,5000.00,5000.00,140.00,2019-01-10",
        $"{EmployerA},2019-01,2,5000.00,5000.00,140.00,2019-02-10",
        $"{EmployerA},2019-02,3,7100.00,7099.99,210.00,2019-03-10",
        $"{EmployerA},2019-03,3,7100.00,7100.00,210.00,",
        $"{EmployerB},2019-12,1,1500.00,0,0,",
        $"{EmployerB},2020-01,1,1500.00,1500.00,50.00,2020-02-10");

    private static async Task<WenjiuFactory> CityAsync(DatabaseProvider provider)
    {
        var factory = await WenjiuFactory.CreateAsync(provider);
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", ImportFiles.Employers);
        await factory.ImportAsync(ImportKind.Employment, "employment.csv", History);
        await factory.ImportAsync(ImportKind.Contributions, "contributions.csv", Contributions);
        return factory;
    }

    private static async Task<TResult> WithAsync<TService, TResult>(WenjiuFactory factory, Func<TService, Task<TResult>> use)
        where TService : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static async Task<List<EmployerContributions>> ReadAllAsync(WenjiuFactory factory) =>
        await WithAsync<IContributionHistory, List<EmployerContributions>>(factory, async history =>
        {
            var all = new List<EmployerContributions>();
            await foreach (var employer in history.ReadAsync(January, December, Baseline, December))
            {
                all.Add(employer);
            }

            return all;
        });

    private static string Text(EmployerContributions e) =>
        $"{e.Uscc} {e.Industry} {e.District} {e.PolicySizeClass} {e.InsuredAtBaseline}→{e.InsuredAtYearEnd}: "
        + string.Join("; ", e.Months.Select(m => FormattableString.Invariant($"{m.Month} {m.Insured} {m.Due:0.00} {m.Paid:0.00} {m.UnemploymentPaid:0.00} {m.PaidOn:yyyy-MM-dd}")));

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_history_streams_every_registered_employer_in_code_order_with_its_months_in_range_and_its_headcounts(DatabaseProvider provider)
    {
        await using var factory = await CityAsync(provider);

        var all = await ReadAllAsync(factory);

        Assert.Equal(
            [
                $"{EmployerA} software_it 110105 Medium 2→2: 2019-01 2 5000.00 5000.00 140.00 2019-02-10; 2019-02 3 7100.00 7099.99 210.00 2019-03-10; 2019-03 3 7100.00 7100.00 210.00 ",
                $"{EmployerB} wholesale 110108 Micro 0→1: 2019-12 1 1500.00 0.00 0.00 ",
                $"{EmployerC} retail 110101 Micro 0→0: ",
            ],
            all.Select(Text).Order(StringComparer.Ordinal));
        Assert.Equal(all.Select(e => e.Uscc).Order(StringComparer.Ordinal), all.Select(e => e.Uscc));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_month_of_an_unregistered_employer_written_past_the_import_fails_the_read_naming_the_code(DatabaseProvider provider)
    {
        // The imports refuse such a row, so the read does not join to the employers; a row put there some other way must
        // not shift every later employer's months silently.
        await using var factory = await CityAsync(provider);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Wenjiu.Registry.Data.RegistryDbContext>();
            db.Contributions.Add(new Contribution { EmployerUscc = UnknownEmployer, Month = new YearMonth(2019, 5), Insured = 1, Due = 100m, Paid = 100m, UnemploymentPaid = 3m });
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(factory));

        Assert.Contains(UnknownEmployer, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task One_employers_history_is_the_same_as_in_the_stream_and_an_unknown_employer_has_none(DatabaseProvider provider)
    {
        await using var factory = await CityAsync(provider);
        var all = await ReadAllAsync(factory);

        var found = new List<string>();
        foreach (var uscc in new[] { EmployerA, EmployerB, EmployerC })
        {
            var one = await WithAsync<IContributionHistory, EmployerContributions?>(factory, h => h.FindAsync(uscc, January, December, Baseline, December));
            found.Add(Text(one!));
        }

        var unknown = await WithAsync<IContributionHistory, EmployerContributions?>(factory, h => h.FindAsync(UnknownEmployer, January, December, Baseline, December));

        Assert.Equal(all.Select(Text), found);
        Assert.Null(unknown);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_published_size_class_stays_when_the_facts_change_and_the_assessment_bills_by_it(DatabaseProvider provider)
    {
        await using var factory = await CityAsync(provider);

        // A grows from 120 to 2,000 employees: the registry's class from the facts becomes large, the published one stays.
        await factory.ImportAsync(ImportKind.Employers, "grown.csv", Csv(
            "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise",
            $"{EmployerA},北京京华朝阳科技有限公司,software_it,110105,2000,150000,200000,0.2,true"));

        var policy = await WithAsync<IPolicySizeClasses, PolicySizeClass?>(factory, p => p.FindAsync(EmployerA));
        var registered = await RegistryData.QueryAsync(factory, db => db.Employers.AsNoTracking().SingleAsync(e => e.Uscc == EmployerA));
        var billed = await WithAsync<IInsuredEmploymentSource, RegisteredEmployer?>(factory, s => s.FindEmployerAsync(EmployerA));
        Assert.Equal(SizeClass.Large, registered.SizeClass);
        Assert.Equal(new PolicySizeClass(EmployerA, SizeClass.Medium, SizeClass.Medium, null, null), policy);
        Assert.Equal(SizeClass.Medium, billed!.Facts.SizeClass);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_upheld_objection_moves_the_class_in_force_once_audited_and_published_however_often_it_is_repeated(DatabaseProvider provider)
    {
        await using var factory = await CityAsync(provider);

        for (var i = 0; i < 3; i++)
        {
            await WithAsync<IPolicySizeClasses, bool>(factory, async p =>
            {
                await p.ReclassifyAsync(EmployerA, SizeClass.Small, "SCO-2020-0001", "reviewer.li");
                return true;
            });
        }

        var policy = await WithAsync<IPolicySizeClasses, PolicySizeClass?>(factory, p => p.FindAsync(EmployerA));
        Assert.Equal((SizeClass.Medium, SizeClass.Small, "SCO-2020-0001"), (policy!.Published, policy.Current, policy.Reference));
        Assert.NotNull(policy.ReclassifiedAt);
        await using var scope = factory.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == EmployerReclassified.EventType).ToListAsync();
        Assert.Equal(
            new EmployerReclassified(EmployerA, SizeClass.Medium, SizeClass.Small, "SCO-2020-0001", "reviewer.li"),
            EventJson.Deserialize<EmployerReclassified>(Assert.Single(events).Payload));
        Assert.Single(await AuditTrail.EntriesAsync(factory, "employer.reclassified"));
        Assert.Equal(SizeClass.Small, (await ReadAllAsync(factory)).Single(e => e.Uscc == EmployerA).PolicySizeClass);
        var billed = await WithAsync<IInsuredEmploymentSource, RegisteredEmployer?>(factory, s => s.FindEmployerAsync(EmployerA));
        Assert.Equal(SizeClass.Small, billed!.Facts.SizeClass);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Placement_evidence_answers_each_distinct_pair_once_and_audits_every_number_asked(DatabaseProvider provider)
    {
        await using var factory = await CityAsync(provider);
        var unknownPerson = CityGenerator.MakeIdNumber(77);
        PersonAtEmployer[] pairs =
        [
            new(Person1, EmployerA),
            new(Person1.ToLowerInvariant(), EmployerA),
            new(Person5, EmployerA),
            new(unknownPerson, EmployerC),
            new(Person3, UnknownEmployer),
        ];

        var answers = await WithAsync<IPlacementEvidence, IReadOnlyList<PlacementEvidence>>(factory, e => e.FindAsync(pairs, "agency:京才"));

        Assert.Equal(4, answers.Count);
        var person1 = answers[0];
        Assert.Equal((Person1, EmployerA, true, true), (person1.IdNumber, person1.Uscc, person1.EmployerRegistered, person1.KeyEnterprise));
        Assert.NotNull(person1.PersonId);
        Assert.Equal([new YearMonth(2018, 1), new YearMonth(2019, 6)], person1.SpellStartMonths);
        Assert.Equal((true, true, 0), (answers[1].PersonId is not null, answers[1].EmployerRegistered, answers[1].SpellStartMonths.Count));
        Assert.Equal((false, true, false), (answers[2].PersonId is not null, answers[2].EmployerRegistered, answers[2].KeyEnterprise));
        Assert.Equal((true, false, false), (answers[3].PersonId is not null, answers[3].EmployerRegistered, answers[3].KeyEnterprise));
        var audited = await AuditTrail.EntriesAsync(factory, "person.lookup");
        Assert.Equal(4, audited.Count);
        Assert.All(audited, a => Assert.Contains("agency:京才", a.Details, StringComparison.Ordinal));
        Assert.DoesNotContain(audited, a => a.Details!.Contains(Person1, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Placement_evidence_by_person_number_answers_in_the_order_asked_without_an_identity_number(DatabaseProvider provider)
    {
        await using var factory = await CityAsync(provider);
        var byNumber = await WithAsync<IPlacementEvidence, IReadOnlyList<PlacementEvidence>>(factory, e => e.FindAsync([new(Person1, EmployerA)], "test"));
        var person1 = byNumber[0].PersonId!.Value;
        PersonNumberAtEmployer[] pairs = [new(person1, EmployerA), new(person1, EmployerA), new(long.MaxValue, EmployerA), new(person1, UnknownEmployer)];

        var answers = await WithAsync<IPlacementEvidence, IReadOnlyList<PlacementEvidence>>(factory, e => e.FindByPersonAsync(pairs));

        Assert.Equal(3, answers.Count);
        Assert.Equal(((string?)null, (long?)person1, true, true), (answers[0].IdNumber, answers[0].PersonId, answers[0].EmployerRegistered, answers[0].KeyEnterprise));
        Assert.Equal([new YearMonth(2018, 1), new YearMonth(2019, 6)], answers[0].SpellStartMonths);
        Assert.Equal(((long?)null, 0), (answers[1].PersonId, answers[1].SpellStartMonths.Count));
        Assert.Equal((false, 0), (answers[2].EmployerRegistered, answers[2].SpellStartMonths.Count));
    }
}
