using System.Globalization;
using nietras.SeparatedValues;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.SyntheticCity;

namespace Wenjiu.Tests.Registry;

/// <summary><c>seed --out</c> writes the city's labour market beside its registry files (issue 10 §6).</summary>
public sealed class SeedMarketTests
{
    [Fact]
    public void The_postings_file_has_exactly_the_contract_columns_and_every_posting_belongs_to_an_employer_of_the_same_city()
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-market-").FullName;
        try
        {
            var scale = new CityScale("test", 300);
            CityFiles.WriteAll(scale, 2020, directory);
            var counts = MarketFiles.Write(scale, 2020, directory);

            var employers = Rows(Path.Combine(directory, CityFiles.EmployersFile)).ToDictionary(r => r["uscc"], r => r["district"], StringComparer.Ordinal);
            var header = File.ReadLines(Path.Combine(directory, MarketFiles.PostingsFile)).First();
            var postings = Rows(Path.Combine(directory, MarketFiles.PostingsFile)).ToList();

            Assert.Equal("id,employer_uscc,title_zh,title_en,occupation,district,pay_min,pay_max,education,posted_on,status", header);
            Assert.Equal(MarketFiles.Size(scale).Postings, counts.Postings);
            Assert.Equal(Enumerable.Range(1, postings.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), postings.Select(p => p["id"]));
            Assert.All(postings, p =>
            {
                Assert.True(employers.ContainsKey(p["employer_uscc"]), p["employer_uscc"]);
                Assert.True(OccupationTaxonomy.IsOccupation(p["occupation"]), p["occupation"]);
                Assert.True(Districts.IsKnown(p["district"]), p["district"]);
                Assert.True(decimal.Parse(p["pay_min"], CultureInfo.InvariantCulture) <= decimal.Parse(p["pay_max"], CultureInfo.InvariantCulture));
                Assert.Contains(p["education"], MarketFiles.EducationLevels);
                Assert.InRange(DateOnly.ParseExact(p["posted_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture), new DateOnly(2020, 2, 1), new DateOnly(2020, 6, 30));
                Assert.Contains(p["status"], new[] { "open", "closed" });
                Assert.Contains(OccupationTaxonomy.FindOccupation(p["occupation"])!.NameZh, p["title_zh"], StringComparison.Ordinal);
            });
            Assert.InRange(postings.Count(p => p["status"] == "closed") / (double)postings.Count, 0.1, 0.25);

            // Most of an employer's postings are in its own district.
            Assert.True(postings.Count(p => employers[p["employer_uscc"]] == p["district"]) > postings.Count * 0.7);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_employers_file_alone_is_the_one_the_whole_city_writes()
    {
        var (whole, alone) = (Directory.CreateTempSubdirectory("wenjiu-market-").FullName, Directory.CreateTempSubdirectory("wenjiu-market-").FullName);
        try
        {
            var scale = new CityScale("test", 150);
            CityFiles.WriteAll(scale, 2020, whole);
            CityFiles.WriteEmployers(scale, 2020, alone);
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, CityFiles.EmployersFile)), File.ReadAllBytes(Path.Combine(alone, CityFiles.EmployersFile)));
        }
        finally
        {
            Directory.Delete(whole, recursive: true);
            Directory.Delete(alone, recursive: true);
        }
    }

    [Fact]
    public void The_same_seed_writes_the_same_market_byte_for_byte_and_another_seed_another()
    {
        var (a, b, c) = (Directory.CreateTempSubdirectory("wenjiu-market-").FullName, Directory.CreateTempSubdirectory("wenjiu-market-").FullName, Directory.CreateTempSubdirectory("wenjiu-market-").FullName);
        try
        {
            var scale = new CityScale("test", 120);
            MarketFiles.Write(scale, 7, a);
            MarketFiles.Write(scale, 7, b);
            MarketFiles.Write(scale, 8, c);
            foreach (var file in new[] { MarketFiles.PostingsFile, MarketFiles.SeekersFile })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
                Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(c, file)));
            }
        }
        finally
        {
            foreach (var d in new[] { a, b, c })
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    [Fact]
    public void Seekers_have_valid_unique_identity_numbers_none_of_an_insured_person_and_the_profile_their_kind_needs()
    {
        var directory = Directory.CreateTempSubdirectory("wenjiu-market-").FullName;
        try
        {
            var scale = new CityScale("test", 200);
            CityFiles.WriteAll(scale, 2020, directory);
            MarketFiles.Write(scale, 2020, directory);
            var insured = Rows(Path.Combine(directory, CityFiles.EmploymentFile)).Select(r => r["id_number"]).ToHashSet(StringComparer.Ordinal);
            var seekers = Rows(Path.Combine(directory, MarketFiles.SeekersFile)).ToList();

            Assert.Equal(MarketFiles.Size(scale).Seekers, seekers.Count);
            Assert.Equal(seekers.Count, seekers.Select(s => s["id_number"]).Distinct(StringComparer.Ordinal).Count());
            Assert.All(seekers, s =>
            {
                Assert.True(ResidentIdentityNumber.IsValid(s["id_number"]), s["id_number"]);
                Assert.DoesNotContain(s["id_number"], insured);
                Assert.All(s["wanted_occupations"].Split(';'), o => Assert.True(OccupationTaxonomy.IsOccupation(o), o));
                Assert.All(s["skills"].Split(';', StringSplitOptions.RemoveEmptyEntries), k => Assert.True(OccupationTaxonomy.IsSkill(k), k));
                Assert.Equal(s["kind"] == "graduate", s["school"].Length > 0 && s["graduation_year"] == "2020");
                Assert.Equal(s["kind"] == "migrant_worker", s["origin_county"].Length == 6);
            });
            Assert.Equal(["employment_difficulty", "graduate", "migrant_worker", "registered_unemployed"], seekers.Select(s => s["kind"]).Distinct().Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<Dictionary<string, string>> Rows(string path)
    {
        using var reader = Sep.Reader().FromFile(path);
        var names = reader.Header.ColNames;
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                values[name] = row[name].ToString();
            }

            rows.Add(values);
        }

        return rows;
    }
}
