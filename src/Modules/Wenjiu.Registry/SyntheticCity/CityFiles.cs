using System.Globalization;
using nietras.SeparatedValues;

namespace Wenjiu.Registry.SyntheticCity;

/// <summary>What <see cref="CityFiles.WriteAll"/> wrote: rows of each file.</summary>
internal sealed record CityFileCounts(long Employers, long Spells, long Contributions);

/// <summary>Writes a synthetic city as the three interchange files (docs/interchange.md), streaming.</summary>
internal static class CityFiles
{
    public const string EmployersFile = "employers.csv";
    public const string EmploymentFile = "employment.csv";
    public const string ContributionsFile = "contributions.csv";

    /// <summary>The files in the order they are imported: contributions need their employers registered.</summary>
    public static readonly IReadOnlyList<string> Files = [EmployersFile, EmploymentFile, ContributionsFile];

    public static (long Employers, long Spells) Write(CityScale scale, int seed, string directory)
    {
        var counts = WriteAll(scale, seed, directory);
        return (counts.Employers, counts.Spells);
    }

    /// <summary>The employers file alone (the same rows <see cref="WriteAll"/> writes), in seconds at city scale: for what needs only the employers.</summary>
    public static long WriteEmployers(CityScale scale, int seed, string directory)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Directory.CreateDirectory(directory);
        var generator = new CityGenerator(seed);
        using var employers = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(Path.Combine(directory, EmployersFile));
        for (var i = 0; i < scale.Employers; i++)
        {
            WriteEmployer(employers, generator.Employer(i));
        }

        return scale.Employers;
    }

    private static void WriteEmployer(SepWriter employers, SyntheticEmployer employer)
    {
        using var row = employers.NewRow();
        row["uscc"].Set(employer.Uscc);
        row["name"].Set(employer.Name);
        row["industry"].Set(employer.Industry);
        row["district"].Set(employer.District);
        row["employees"].Set(employer.Employees.ToString(CultureInfo.InvariantCulture));
        row["revenue"].Set(employer.Revenue.ToString(CultureInfo.InvariantCulture));
        row["total_assets"].Set(employer.TotalAssets.ToString(CultureInfo.InvariantCulture));
        row["injury_rate"].Set(employer.InjuryRate.ToString(CultureInfo.InvariantCulture));
        row["key_enterprise"].Set(employer.KeyEnterprise ? "true" : "false");
    }

    public static CityFileCounts WriteAll(CityScale scale, int seed, string directory)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Directory.CreateDirectory(directory);
        var generator = new CityGenerator(seed);
        long spells = 0, months = 0;
        using var employers = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(Path.Combine(directory, EmployersFile));
        using var employment = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(Path.Combine(directory, EmploymentFile));
        using var contributions = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(Path.Combine(directory, ContributionsFile));
        for (var i = 0; i < scale.Employers; i++)
        {
            var (employer, employerSpells, employerMonths) = generator.GenerateHistory(i);
            WriteEmployer(employers, employer);

            foreach (var spell in employerSpells)
            {
                using var row = employment.NewRow();
                row["id_number"].Set(spell.IdNumber);
                row["name"].Set(spell.Name);
                row["uscc"].Set(spell.Uscc);
                row["start_month"].Set(spell.StartMonth);
                row["end_month"].Set(spell.EndMonth ?? "");
                row["wage"].Set(spell.Wage.ToString(CultureInfo.InvariantCulture));
                spells++;
            }

            foreach (var month in employerMonths)
            {
                using var row = contributions.NewRow();
                row["uscc"].Set(month.Uscc);
                row["month"].Set(month.Month);
                row["insured"].Set(month.Insured.ToString(CultureInfo.InvariantCulture));
                row["due"].Set(month.Due.ToString("0.00", CultureInfo.InvariantCulture));
                row["paid"].Set(month.Paid.ToString("0.00", CultureInfo.InvariantCulture));
                row["unemployment_paid"].Set(month.UnemploymentPaid.ToString("0.00", CultureInfo.InvariantCulture));
                row["paid_on"].Set(month.PaidOn ?? "");
                months++;
            }
        }

        return new CityFileCounts(scale.Employers, spells, months);
    }
}
