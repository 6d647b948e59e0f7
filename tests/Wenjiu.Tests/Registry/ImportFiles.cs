using System.Globalization;
using System.Text;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Registry.SyntheticCity;

namespace Wenjiu.Tests.Registry;

/// <summary>
/// Interchange files for the import tests: valid rows beside rows that break every rule of interchange.md at least
/// once, and the exact report each must give.
/// </summary>
internal static class ImportFiles
{
    public static readonly string EmployerA = CityGenerator.MakeUscc("91", "110105", 1);
    public static readonly string EmployerB = CityGenerator.MakeUscc("91", "110108", 2);
    public static readonly string EmployerC = CityGenerator.MakeUscc("92", "110101", 3);
    public static readonly string UnknownEmployer = CityGenerator.MakeUscc("91", "110101", 99);

    public static readonly string Person1 = CityGenerator.MakeIdNumber(1);
    public static readonly string Person2 = CityGenerator.MakeIdNumber(2);
    public static readonly string Person3 = CityGenerator.MakeIdNumber(3);
    public static readonly string Person4 = CityGenerator.MakeIdNumber(4);
    public static readonly string Person5 = CityGenerator.MakeIdNumber(5);

    /// <summary>A code whose check character is wrong: the right one replaced by the next in the alphabet.</summary>
    public static readonly string BadUscc = string.Concat(EmployerC.AsSpan(0, 17), EmployerC[17] == '0' ? "1" : "0");

    public static readonly string BadIdCheck = string.Concat(Person1.AsSpan(0, 17), Person1[17] == '0' ? "1" : "0");

    /// <summary>February 30th with the check character right for it, so only the birth date is wrong.</summary>
    public static readonly string BadIdBirthDate = WithCheck("11010519900230123");

    public static readonly string LongEmployerName = new('京', 201);
    public static readonly string LongPersonName = new('张', 101);

    /// <summary>Columns in another order than the contract, an unknown column, a BOM, a quoted name with a comma, CRLF line ends.</summary>
    public static string Employers => Csv(
        "key_enterprise,uscc,name,remark,industry,district,employees,revenue,total_assets,injury_rate",
        $"true,{EmployerA},北京京华朝阳科技有限公司,ok,software_it,110105,120,15000.5,20000,0.2",
        $"是,{EmployerB},\"北京, 海淀\"\"恒泰\"\"商贸有限公司\",,wholesale,110108,8,300,150.25,0.4",
        $"0,{EmployerC},北京市东城嘉和商店,,retail,110101,3,80,40,0.4",
        $"false,{BadUscc},坏码公司,,retail,110101,3,80,40,0.4",
        $"false,{Uscc(10)},,,retail,110101,3,80,40,0.4",
        $"false,{Uscc(11)},{LongEmployerName},,retail,110101,3,80,40,0.4",
        $"false,{Uscc(12)},采矿公司,,mining,110101,3,80,40,0.4",
        $"false,{Uscc(13)},北京市公司,,retail,110100,3,80,40,0.4",
        $"false,{Uscc(14)},小数人数公司,,retail,110101,12.5,80,40,0.4",
        $"false,{Uscc(15)},负数人数公司,,retail,110101,-3,80,40,0.4",
        $"false,{Uscc(16)},收入公司,,retail,110101,3,abc,40,0.4",
        $"false,{Uscc(17)},资产公司,,retail,110101,3,80,-1,0.4",
        $"false,{Uscc(18)},费率公司,,retail,110101,3,80,40,3.0",
        $"yes,{Uscc(19)},重点公司,,retail,110101,3,80,40,0.4",
        $"false,{EmployerA},重复公司,,retail,110101,3,80,40,0.4",
        $"false,{Uscc(20)},少列公司",
        $"maybe,123,多错公司,,retail,110101,3,80,40,0.4");

    public static readonly (long Line, string Column, string Value, string Reason)[] EmployersReport =
    [
        (5, "uscc", BadUscc, "the check character (18th) is wrong"),
        (6, "name", "", "must not be empty"),
        (7, "name", LongEmployerName, "longer than 200 characters (201)"),
        (8, "industry", "mining", "not an industry of the SME size standard (agriculture, industry, construction, wholesale, retail, transport, warehousing, postal, accommodation, catering, information_transmission, software_it, real_estate, property_management, leasing_business, other)"),
        (9, "district", "110100", "not the GB/T 2260 code of one of Beijing's 16 districts"),
        (10, "employees", "12.5", "not a whole number"),
        (11, "employees", "-3", "must not be negative"),
        (12, "revenue", "abc", "not a decimal number"),
        (13, "total_assets", "-1", "must not be negative"),
        (14, "injury_rate", "3.0", "a work-injury rate lies between 0.1 and 2.85 percent"),
        (15, "key_enterprise", "yes", "write true or false (also 1/0, 是/否)"),
        (16, "uscc", EmployerA, "the same unified social credit code is already on line 2"),
        (17, "", $"false,{Uscc(20)},少列公司", "the line has 3 fields where the header has 10"),
        (18, "uscc", "123", "a unified social credit code has 18 characters"),
        (18, "key_enterprise", "maybe", "write true or false (also 1/0, 是/否)"),
    ];

    /// <summary>What is registered before the mixed employment file comes: spells it must not overlap or may replace.</summary>
    public static string RegisteredEmployment => Csv(
        "id_number,name,uscc,start_month,end_month,wage",
        $"{Person4},赵敏,{EmployerA},2015-01,,9000",
        $"{Person5},钱伟,{EmployerB},2016-01,,5000");

    public static string Employment => Csv(
        "uscc,id_number,start_month,end_month,wage,name",
        $"{EmployerA},{Person1},2019-01,2019-12,8000,张伟",
        $"{EmployerA},{Person1},2020-01,,8500.50,张伟",
        $"{EmployerB},{Person2},2018-05,,6000,李娜",
        $"{EmployerB},{BadIdCheck},2018-05,,6000,王芳",
        $"{EmployerB},{BadIdBirthDate},2018-05,,6000,王芳",
        $"{EmployerB},{Person3},2018-05,,6000,",
        $"{EmployerB},{Person3},2018-05,,6000,{LongPersonName}",
        $"{UnknownEmployer},{Person3},2018-05,,6000,刘洋",
        $"{EmployerB},{Person3},2020/01,,6000,刘洋",
        $"{EmployerB},{Person3},2018-05,2019-13,6000,刘洋",
        $"{EmployerB},{Person3},2018-05,2018-04,6000,刘洋",
        $"{EmployerB},{Person3},2018-05,,-1,刘洋",
        $"{EmployerB},{Person3},2018-05,,12.345,刘洋",
        $"{EmployerB},{Person3},2018-05,,abc,刘洋",
        $"{EmployerA},{Person1},2019-06,2019-08,8000,张伟",
        $"{EmployerA},{Person4},2018-01,2018-12,9000,赵敏",
        $"{EmployerB},{Person5},2016-01,2019-12,5000,钱伟",
        $"{EmployerB},{Person5},2020-01,,5600,钱伟",
        $"{EmployerC},{Person3},2020-03,,4800.5,刘洋",
        $"{EmployerC},{Person3},2020-03,,4800.5,刘洋");

    public static readonly (long Line, string Column, string Value, string Reason)[] EmploymentReport =
    [
        (5, "id_number", Masked(BadIdCheck), "the check character (18th) is wrong"),
        (6, "id_number", Masked(BadIdBirthDate), "characters 7-14 are not a real birth date"),
        (7, "name", "", "must not be empty"),
        (8, "name", "张***", "longer than 100 characters (101)"),
        (9, "uscc", UnknownEmployer, "no employer with this code is registered or in this import"),
        (10, "start_month", "2020/01", "not a month written YYYY-MM"),
        (11, "end_month", "2019-13", "not a month written YYYY-MM (leave it empty while employed)"),
        (12, "end_month", "2018-04", "the last month is before the first (2018-05)"),
        (13, "wage", "-1", "must not be negative"),
        (14, "wage", "12.345", "a wage in yuan has at most 2 decimals"),
        (15, "wage", "abc", "not a decimal number"),
        (16, "start_month", "2019-06", "overlaps the spell of the same person at the same employer on line 2"),
        (17, "start_month", "2018-01", "overlaps the registered spell at this employer from 2015-01 (still employed)"),
        (21, "start_month", "2020-03", "overlaps the spell of the same person at the same employer on line 20"),
    ];

    /// <summary>Rows of the mixed employment file that go in: lines 2, 3, 4, 18, 19, 20.</summary>
    public const int EmploymentImported = 6;

    /// <summary>An identity number as the error report keeps it: area code and last four.</summary>
    public static string Masked(string idNumber) => string.Concat(idNumber.AsSpan(0, 6), "********", idNumber.AsSpan(14));

    public static string Uscc(int index) => CityGenerator.MakeUscc("91", "110101", 1000 + index);

    public static string Csv(params string[] lines) => "\uFEFF" + string.Join("\r\n", lines) + "\r\n";

    public static string Write(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Many valid employer rows, for files large enough to be staged in several batches.</summary>
    public static IEnumerable<string> ManyEmployers(int count)
    {
        yield return "uscc,name,industry,district,employees,revenue,total_assets,injury_rate,key_enterprise";
        for (var i = 0; i < count; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{CityGenerator.MakeUscc("91", "110105", 10_000 + i)},北京第{i}科技有限公司,software_it,110105,{i % 500},{i % 9000}.5,100,0.2,false");
        }
    }

    private static string WithCheck(string first17) => first17 + ResidentIdentityNumber.CheckCharacter(first17);
}
