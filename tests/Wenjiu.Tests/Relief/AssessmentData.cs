using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wenjiu.Platform.Periods;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Relief.Data;
using Wenjiu.Relief.Domain;
using Wenjiu.Relief.Features.Assess;
using Wenjiu.Relief.Rules;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Relief;

/// <summary>
/// A small registry whose February 2020 bills are computed by hand in the comments below (beijing-2020 rules):
/// A, a small software firm (SME: employer pension, unemployment and work injury exempt); B, a large software firm
/// (halved); C, a public institution (no relief); D, an employer with no spell active in February.
/// </summary>
internal sealed record SmallRegistry(string A, string B, string C, string D)
{
    public static readonly YearMonth February = new(2020, 2);

    public static async Task<SmallRegistry> ArrangeAsync(WenjiuFactory factory)
    {
        var a = await EmployerAsync(factory, RegistryData.NewUscc("91"), employees: 50, revenue: 500m, assets: 400m, injuryRate: 0.4m);
        var b = await EmployerAsync(factory, RegistryData.NewUscc("91"), employees: 400, revenue: 20_000m, assets: 20_000m, injuryRate: 0.5m);
        var c = await EmployerAsync(factory, RegistryData.NewUscc("12"), employees: 30, revenue: 0m, assets: 0m, injuryRate: 0.4m);
        var d = await EmployerAsync(factory, RegistryData.NewUscc("91"), employees: 5, revenue: 10m, assets: 10m, injuryRate: 0.4m);

        // A: 8,000.00 and 3,000.00 (below every floor) active in February; one spell ended in January, one starts in March.
        await SpellAsync(factory, a, 201801, null, 8_000.00m);
        await SpellAsync(factory, a, 201905, null, 3_000.00m);
        await SpellAsync(factory, a, 201801, 202001, 9_000.00m);
        await SpellAsync(factory, a, 202003, null, 9_000.00m);

        // B: 30,000.00, above both ceilings. C: 10,000.00. D: only a spell that ended in 2019.
        await SpellAsync(factory, b, 201501, null, 30_000.00m);
        await SpellAsync(factory, c, 201501, 202012, 10_000.00m);
        await SpellAsync(factory, d, 201501, 201912, 6_000.00m);
        return new SmallRegistry(a, b, c, d);
    }

    // A, 8,000.00: pension 1,280.00 (relief 1,280.00) + employee 640.00; unemployment 64.00 (relief 64.00) + 16.00;
    //    work injury 8,000 × 0.4% = 32.00 (relief 32.00); medical 800.00 + employee 160.00 + 3.00; maternity 64.00.
    // A, 3,000.00: pension base 3,613 → 578.08 (relief) + 289.04; unemployment 28.904 → 28.90 (relief) + 7.226 → 7.23;
    //    work injury base 4,713 × 0.4% = 18.852 → 18.85 (relief); medical base 5,360 → 536.00 + 107.20 + 3.00; maternity 42.88.
    public static readonly Expected ExpectedA = new(
        Pension: (1_858.08m, 1_858.08m, 0m, 929.04m),
        Unemployment: (92.90m, 92.90m, 0m, 23.23m),
        WorkInjury: (50.85m, 50.85m, 0m, 0m),
        Medical: (1_336.00m, 0m, 1_336.00m, 273.20m),
        Maternity: (106.88m, 0m, 106.88m, 0m));

    // B, 30,000.00: pension base 26,541 → 4,246.56, halved 2,123.28 + employee 2,123.28; unemployment 212.328 → 212.33,
    //    payable 106.165 → 106.17 (half away from zero), relief 106.16, employee 53.082 → 53.08; work injury 26,541 × 0.5%
    //    = 132.705 → 132.71, payable 66.355 → 66.36, relief 66.35; medical base 29,732 → 2,973.20 + employee 594.64 + 3.00;
    //    maternity 29,732 × 0.8% = 237.856 → 237.86.
    public static readonly Expected ExpectedB = new(
        Pension: (4_246.56m, 2_123.28m, 2_123.28m, 2_123.28m),
        Unemployment: (212.33m, 106.16m, 106.17m, 53.08m),
        WorkInjury: (132.71m, 66.35m, 66.36m, 0m),
        Medical: (2_973.20m, 0m, 2_973.20m, 597.64m),
        Maternity: (237.86m, 0m, 237.86m, 0m));

    // C, 10,000.00, no relief: 1,600.00 + 800.00; 80.00 + 20.00; 40.00; 1,000.00 + 200.00 + 3.00; 80.00.
    public static readonly Expected ExpectedC = new(
        Pension: (1_600.00m, 0m, 1_600.00m, 800.00m),
        Unemployment: (80.00m, 0m, 80.00m, 20.00m),
        WorkInjury: (40.00m, 0m, 40.00m, 0m),
        Medical: (1_000.00m, 0m, 1_000.00m, 203.00m),
        Maternity: (80.00m, 0m, 80.00m, 0m));

    public static async Task<string> EmployerAsync(WenjiuFactory factory, string uscc, int employees, decimal revenue, decimal assets, decimal injuryRate) =>
        (await RegistryData.AddEmployerAsync(factory, $"单位 {uscc[^6..]}", employees: employees, revenue: revenue, totalAssets: assets, uscc: uscc, injuryRate: injuryRate)).Uscc;

    public static async Task SpellAsync(WenjiuFactory factory, string uscc, int start, int? end, decimal wage)
    {
        var person = await RegistryData.AddPersonAsync(factory, "张伟", RegistryData.NewIdNumber());
        await RegistryData.AddSpellAsync(factory, person.Id, uscc, start, end, wage);
    }

    public static async Task<AssessmentOutcome> AssessAsync(WenjiuFactory factory, YearMonth month, ReliefRuleSet? rules = null, Func<int, CancellationToken, Task>? afterBatch = null, CancellationToken cancellationToken = default)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var assessment = scope.ServiceProvider.GetRequiredService<MonthlyAssessment>();
        assessment.Rules = rules ?? assessment.Rules;
        assessment.AfterBatch = afterBatch;
        return await assessment.AssessAsync(month, "tester", null, cancellationToken);
    }

    public static async Task<T> ReliefAsync<T>(WenjiuFactory factory, Func<ReliefDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReliefDbContext>());
    }

    public static Task<List<EmployerAssessment>> RowsAsync(WenjiuFactory factory, Guid runId) =>
        ReliefAsync(factory, db => db.EmployerAssessments.AsNoTracking().Where(a => a.RunId == runId).OrderBy(a => a.Uscc).ToListAsync());

    public static Task<AssessmentRun?> CurrentRunAsync(WenjiuFactory factory, YearMonth month) =>
        ReliefAsync(factory, db => db.AssessmentRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month && r.IsCurrent));

    /// <summary>A row as text without its run id: two runs' rows compare equal when every figure is.</summary>
    public static string Figures(EmployerAssessment a) => string.Join(' ',
        a.Uscc, a.Category, a.ReportClass, a.SizeClass, a.District, a.Industry, a.Insured,
        a.PensionEmployerDue, a.PensionEmployerRelief, a.PensionEmployerPayable, a.PensionEmployeePayable,
        a.UnemploymentEmployerDue, a.UnemploymentEmployerRelief, a.UnemploymentEmployerPayable, a.UnemploymentEmployeePayable,
        a.WorkInjuryEmployerDue, a.WorkInjuryEmployerRelief, a.WorkInjuryEmployerPayable, a.WorkInjuryEmployeePayable,
        a.MedicalEmployerDue, a.MedicalEmployerRelief, a.MedicalEmployerPayable, a.MedicalEmployeePayable,
        a.MaternityEmployerDue, a.MaternityEmployerRelief, a.MaternityEmployerPayable, a.MaternityEmployeePayable, a.Deferred);
}

/// <summary>The synthetic demo city (2,000 employers), written by the generator and loaded by the importer.</summary>
internal static class DemoCity
{
    public static async Task ImportAsync(WenjiuFactory factory)
    {
        var directory = Path.Combine(factory.DataDirectory, "city");
        CityFiles.Write(CityScale.Demo, 2020, directory);
        Assert.Equal(ImportStatus.Completed, (await factory.ImportFileAsync(ImportKind.Employers, Path.Combine(directory, CityFiles.EmployersFile), CityFiles.EmployersFile)).Status);
        Assert.Equal(ImportStatus.Completed, (await factory.ImportFileAsync(ImportKind.Employment, Path.Combine(directory, CityFiles.EmploymentFile), CityFiles.EmploymentFile)).Status);
    }
}

/// <summary>Per insurance: employer due, employer relief, employer payable, employee payable.</summary>
internal sealed record Expected(
    (decimal, decimal, decimal, decimal) Pension,
    (decimal, decimal, decimal, decimal) Unemployment,
    (decimal, decimal, decimal, decimal) WorkInjury,
    (decimal, decimal, decimal, decimal) Medical,
    (decimal, decimal, decimal, decimal) Maternity)
{
    public decimal EmployerDue => Pension.Item1 + Unemployment.Item1 + WorkInjury.Item1 + Medical.Item1 + Maternity.Item1;

    public decimal EmployerRelief => Pension.Item2 + Unemployment.Item2 + WorkInjury.Item2 + Medical.Item2 + Maternity.Item2;

    public decimal EmployerPayable => Pension.Item3 + Unemployment.Item3 + WorkInjury.Item3 + Medical.Item3 + Maternity.Item3;

    public decimal EmployeePayable => Pension.Item4 + Unemployment.Item4 + WorkInjury.Item4 + Medical.Item4 + Maternity.Item4;

    public static void Equal(Expected expected, EmployerAssessment actual)
    {
        Assert.Equal(expected.Pension, (actual.PensionEmployerDue, actual.PensionEmployerRelief, actual.PensionEmployerPayable, actual.PensionEmployeePayable));
        Assert.Equal(expected.Unemployment, (actual.UnemploymentEmployerDue, actual.UnemploymentEmployerRelief, actual.UnemploymentEmployerPayable, actual.UnemploymentEmployeePayable));
        Assert.Equal(expected.WorkInjury, (actual.WorkInjuryEmployerDue, actual.WorkInjuryEmployerRelief, actual.WorkInjuryEmployerPayable, actual.WorkInjuryEmployeePayable));
        Assert.Equal(expected.Medical, (actual.MedicalEmployerDue, actual.MedicalEmployerRelief, actual.MedicalEmployerPayable, actual.MedicalEmployeePayable));
        Assert.Equal(expected.Maternity, (actual.MaternityEmployerDue, actual.MaternityEmployerRelief, actual.MaternityEmployerPayable, actual.MaternityEmployeePayable));
    }
}
