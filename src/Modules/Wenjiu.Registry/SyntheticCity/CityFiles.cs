using System.Globalization;
using nietras.SeparatedValues;

namespace Wenjiu.Registry.SyntheticCity;

/// <summary>Writes a synthetic city as the two interchange files (docs/interchange.md), streaming.</summary>
internal static class CityFiles
{
    public const string EmployersFile = "employers.csv";
    public const string EmploymentFile = "employment.csv";

    public static (long Employers, long Spells) Write(CityScale scale, int seed, string directory)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Directory.CreateDirectory(directory);
        var generator = new CityGenerator(seed);
        long spells = 0;
        using var employers = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(Path.Combine(directory, EmployersFile));
        using var employment = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(Path.Combine(directory, EmploymentFile));
        for (var i = 0; i < scale.Employers; i++)
        {
            var (employer, employerSpells) = generator.Generate(i);
            using (var row = employers.NewRow())
            {
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
        }

        return (scale.Employers, spells);
    }
}
