using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Wenjiu.Platform.PersonalData;
using Wenjiu.Registry.Data;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.Features.Import;
using Wenjiu.Registry.Localization;
using Wenjiu.Tests.Infrastructure;

namespace Wenjiu.Tests.Registry;

/// <summary>Runs imports through the real host and reads back what they left, the same way on either database.</summary>
internal static class ImportHarness
{
    public static async Task<ImportOutcome> ImportAsync(this WenjiuFactory factory, ImportKind kind, string name, string content)
    {
        var path = ImportFiles.Write(factory.DataDirectory, $"{Guid.NewGuid():N}-{name}", content);
        return await factory.ImportFileAsync(kind, path, name);
    }

    public static async Task<ImportOutcome> ImportFileAsync(this WenjiuFactory factory, ImportKind kind, string path, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryImporter>().ImportAsync(kind, path, name, "tester");
    }

    public static async Task<(long Line, string Column, string Value, string Reason)[]> ReportAsync(this WenjiuFactory factory, Guid runId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var rows = await db.ImportRejections.AsNoTracking().Where(r => r.ImportRunId == runId).OrderBy(r => r.Line).ThenBy(r => r.Id).ToListAsync();
        return rows.Select(r => (r.Line, r.Column, r.Value, factory.English(r.Reason))).ToArray();
    }

    /// <summary>A stored reason or refusal (a code and its arguments) as an English reader sees it.</summary>
    public static string English(this WenjiuFactory factory, string? stored) => factory.Rendered(stored, "en");

    public static string Rendered(this WenjiuFactory factory, string? stored, string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return ImportMessages.Render(factory.Services.GetRequiredService<IStringLocalizer<RegistryText>>(), stored);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public static async Task<ImportRun> RunAsync(this WenjiuFactory factory, Guid runId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().ImportRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    /// <summary>Every registry row as text, stored columns included (ids, ciphers, timestamps): any change shows.</summary>
    public static async Task<string> SnapshotAsync(this WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var lines = new List<string>();
        lines.AddRange((await db.Employers.AsNoTracking().OrderBy(e => e.Uscc).ToListAsync()).Select(e => string.Create(CultureInfo.InvariantCulture,
            $"E {e.Uscc} {e.Name} {e.Industry} {e.District} {e.Employees} {e.Revenue} {e.TotalAssets} {e.InjuryRate} {e.KeyEnterprise} {e.SizeClass} {e.UpdatedAt:O}")));
        lines.AddRange((await db.Persons.AsNoTracking().OrderBy(p => p.Id).ToListAsync()).Select(p => string.Create(CultureInfo.InvariantCulture,
            $"P {p.Id} {Convert.ToHexString(p.IdNumberHash)} {Convert.ToHexString(p.IdNumberCipher)} {p.Name} {p.BirthDate:O} {p.Gender}")));
        lines.AddRange((await db.EmploymentSpells.AsNoTracking().OrderBy(s => s.PersonId).ThenBy(s => s.EmployerUscc).ThenBy(s => s.StartMonth).ToListAsync()).Select(s => string.Create(CultureInfo.InvariantCulture,
            $"S {s.PersonId} {s.EmployerUscc} {s.StartMonth.Number} {s.EndMonth?.Number} {s.Wage}")));
        return string.Join('\n', lines);
    }

    /// <summary>The registry as a person reads it: identity numbers decrypted, no surrogate ids, amounts as numbers.</summary>
    public static async Task<string[]> ContentAsync(this WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var persons = (await db.Persons.AsNoTracking().ToListAsync()).ToDictionary(p => p.Id);
        var lines = new List<string>();
        lines.AddRange((await db.Employers.AsNoTracking().ToListAsync()).Select(e => string.Create(CultureInfo.InvariantCulture,
            $"E {e.Uscc} {e.Name} {e.Industry} {e.District} {e.Employees} {e.Revenue:0.00} {e.TotalAssets:0.00} {e.InjuryRate:0.000} {e.KeyEnterprise} {e.SizeClass}")));
        lines.AddRange(persons.Values.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"P {protector.Decrypt(p.IdNumberCipher)} {p.Name} {p.BirthDate:O} {p.Gender}")));
        lines.AddRange((await db.EmploymentSpells.AsNoTracking().ToListAsync()).Select(s => string.Create(CultureInfo.InvariantCulture,
            $"S {protector.Decrypt(persons[s.PersonId].IdNumberCipher)} {s.EmployerUscc} {s.StartMonth.Number} {s.EndMonth?.Number} {s.Wage:0.00}")));
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    public static async Task<(int Employers, int Persons, int Spells, int Rejections)> CountsAsync(this WenjiuFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return (await db.Employers.CountAsync(), await db.Persons.CountAsync(), await db.EmploymentSpells.CountAsync(), await db.ImportRejections.CountAsync());
    }
}
