using System.Globalization;
using System.Text;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;
using Wenjiu.Tests.Infrastructure;
using Wenjiu.Tests.Registry;

namespace Wenjiu.Tests.Payments;

/// <summary>
/// A small city imported through the registry's own files, one employer per refund outcome (relief-rules.md). Every
/// month 2019-01 … 2019-12 is billed 1,000.00 and paid, unemployment 100.00 (1,200.00 a year) unless said otherwise.
/// </summary>
internal sealed class RefundCity
{
    private static int next = 5_000;

    private RefundCity()
    {
        Eligible = Code("91");
        MissingMonth = Code("91");
        Arrears = Code("91");
        NoBaseline = Code("91");
        Layoffs = Code("91");
        Institution = Code("12");
        HalfRounded = Code("51");
    }

    /// <summary>An SME, 2 insured all year: 100% of 1,200.00.</summary>
    public string Eligible { get; }

    /// <summary>No row for 2019-07: not_insured_all_year; 1,100.00 paid.</summary>
    public string MissingMonth { get; }

    /// <summary>2019-05 paid one fen short: arrears.</summary>
    public string Arrears { get; }

    /// <summary>Its one person started in 2019-03: nobody at 2018-12, no_baseline.</summary>
    public string NoBaseline { get; }

    /// <summary>3 at 2018-12, 2 at 2019-12: 1/3 = 0.333333 > 20%; one fewer separation passes.</summary>
    public string Layoffs { get; }

    /// <summary>A public institution (12…): not_an_enterprise.</summary>
    public string Institution { get; }

    /// <summary>A social group (51…): 50% of 1,200.01 = 600.005 → 600.01.</summary>
    public string HalfRounded { get; }

    public static async Task<RefundCity> ImportAsync(WenjiuFactory factory)
    {
        var city = new RefundCity();
        await factory.ImportAsync(ImportKind.Employers, "employers.csv", city.EmployersCsv());
        await factory.ImportAsync(ImportKind.Employment, "employment.csv", city.EmploymentCsv());
        await factory.ImportAsync(ImportKind.Contributions, "contributions.csv", city.ContributionsCsv());
        return city;
    }

    public IEnumerable<string> All => [Eligible, MissingMonth, Arrears, NoBaseline, Layoffs, Institution, HalfRounded];

    private static string Code(string prefix) => CityGenerator.MakeUscc(prefix, "110105", Interlocked.Increment(ref next));

    private string EmployersCsv()
    {
        var lines = new List<string> { "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise" };
        lines.AddRange(All.Select((u, i) => string.Create(CultureInfo.InvariantCulture, $"{u},退费测试单位{i},software_it,110105,20,500,400,0.2,false")));
        return ImportFiles.Csv([.. lines]);
    }

    private string EmploymentCsv()
    {
        var lines = new List<string> { "id_number,name,uscc,start_month,end_month,wage" };
        void Person(string uscc, string start, string end) =>
            lines.Add($"{Registry.RegistryData.NewIdNumber()},测试人员,{uscc},{start},{end},8000");
        foreach (var u in new[] { Eligible, MissingMonth, Arrears, Institution, HalfRounded })
        {
            Person(u, "2018-01", "");
            Person(u, "2018-01", "");
        }

        Person(NoBaseline, "2019-03", "");
        Person(Layoffs, "2018-01", "");
        Person(Layoffs, "2018-01", "");
        Person(Layoffs, "2018-01", "2019-06");
        return ImportFiles.Csv([.. lines]);
    }

    private string ContributionsCsv()
    {
        var lines = new List<string> { "uscc,month,insured,due,paid,unemployment_paid,paid_on" };
        foreach (var u in All)
        {
            for (var month = 1; month <= 12; month++)
            {
                if (u == MissingMonth && month == 7)
                {
                    continue;
                }

                var paid = u == Arrears && month == 5 ? "999.99" : "1000.00";
                var unemployment = u == HalfRounded && month == 12 ? "100.01" : "100.00";
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{u},2019-{month:D2},2,1000.00,{paid},{unemployment},2019-{month:D2}-15"));
            }
        }

        return ImportFiles.Csv([.. lines]);
    }
}
