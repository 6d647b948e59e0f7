using Wenjiu.Platform.Periods;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>Arranges registry rows directly through <see cref="RegistryDbContext"/>, independent of the importer.</summary>
internal static class RegistryData
{
    private static int next = 1_000;

    /// <summary>A valid code (check characters right) for a new employer, unique within the test run.</summary>
    public static string NewUscc(string prefix = "91", string district = "110105") =>
        CityGenerator.MakeUscc(prefix, district, Interlocked.Increment(ref next));

    public static string NewIdNumber() => CityGenerator.MakeIdNumber(Interlocked.Increment(ref next));

    public static async Task<Employer> AddEmployerAsync(
        WenjiuFactory factory,
        string name,
        string industry = "software_it",
        string district = "110105",
        int employees = 50,
        decimal revenue = 500m,
        decimal totalAssets = 400m,
        bool keyEnterprise = false,
        string? uscc = null,
        decimal injuryRate = 0.4m)
    {
        var employer = new Employer
        {
            Uscc = uscc ?? NewUscc(district: district),
            Name = name,
            Industry = industry,
            District = district,
            Employees = employees,
            Revenue = revenue,
            TotalAssets = totalAssets,
            InjuryRate = injuryRate,
            KeyEnterprise = keyEnterprise,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        employer.SizeClass = employer.Classify(SmeSizeStandard.Default).Class;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.Employers.Add(employer);
        await db.SaveChangesAsync();
        return employer;
    }

    public static async Task<Person> AddPersonAsync(WenjiuFactory factory, string name, string idNumber)
    {
        var protector = factory.Services.GetRequiredService<PersonalDataProtector>();
        var person = new Person
        {
            Name = name,
            IdNumberCipher = protector.Encrypt(idNumber),
            IdNumberHash = protector.LookupHash(idNumber),
            BirthDate = ResidentIdentityNumber.BirthDate(idNumber)!.Value,
            Gender = ResidentIdentityNumber.GenderOf(idNumber),
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>Months written as <c>yyyymm</c> numbers, for short tests.</summary>
    public static async Task AddSpellAsync(WenjiuFactory factory, long personId, string uscc, int startMonth, int? endMonth = null, decimal wage = 8_000m)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.EmploymentSpells.Add(new EmploymentSpell { PersonId = personId, EmployerUscc = uscc, StartMonth = YearMonth.FromNumber(startMonth), EndMonth = endMonth is { } end ? YearMonth.FromNumber(end) : null, Wage = wage });
        await db.SaveChangesAsync();
    }

    public static async Task<T> QueryAsync<T>(WenjiuFactory factory, Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}

public sealed class DemoCityTests
{
    [Fact]
    public void The_demo_enterprise_is_the_demo_citys_first_employer() =>
        Assert.Equal(Wenjiu.Registry.Contracts.DemoCity.EnterpriseUscc, new Wenjiu.Registry.SyntheticCity.CityGenerator(Wenjiu.Registry.Contracts.DemoCity.Seed).Generate(0).Employer.Uscc);
}
