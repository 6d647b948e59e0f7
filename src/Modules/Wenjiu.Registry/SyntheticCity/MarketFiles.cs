using System.Globalization;
using nietras.SeparatedValues;
using Wenjiu.Recruitment.Contracts;
using Wenjiu.Registry.Contracts;

namespace Wenjiu.Registry.SyntheticCity;

/// <summary>What <see cref="MarketFiles.Write"/> wrote: rows of each file.</summary>
internal sealed record MarketFileCounts(long Postings, long Seekers);

/// <summary>
/// The synthetic city's labour market (issue 10 §6): job postings over the city's employers and job seekers, as
/// <c>postings.csv</c> and <c>seekers.csv</c> beside the registry's three files. Deterministic per seed and scale;
/// postings are spread over the employers in proportion to 1 + √(insured), each employer's from occupations its industry
/// hires for, bilingual titles from the taxonomy, pay from the occupation's typical range, posted between 2020-02-01
/// (Spring Breeze) and 2020-06-30 (the graduates' month), a sixth of them closed.
/// </summary>
internal static class MarketFiles
{
    public const string PostingsFile = "postings.csv";
    public const string SeekersFile = "seekers.csv";

    /// <summary>The postings file's columns, in order: a contract (issue 10 §6).</summary>
    public static readonly IReadOnlyList<string> PostingColumns =
        ["id", "employer_uscc", "title_zh", "title_en", "occupation", "district", "pay_min", "pay_max", "education", "posted_on", "status"];

    public static readonly IReadOnlyList<string> SeekerColumns =
        ["id", "id_number", "name", "kind", "district", "education", "school", "major", "graduation_year", "origin_county", "skills", "wanted_occupations", "pay_min"];

    /// <summary>Education levels, lowest first, as the files and the recruitment module write them.</summary>
    public static readonly IReadOnlyList<string> EducationLevels = ["junior_middle", "senior_middle", "vocational", "college", "bachelor", "master"];

    /// <summary>Postings and seekers of each scale: the recruitment month's 1 million jobs and half a million seekers; thousands for the demo.</summary>
    public static (int Postings, int Seekers) Size(CityScale scale) =>
        scale.Employers >= CityScale.City.Employers ? (1_000_000, 500_000) : (Math.Max(1, scale.Employers * 5 / 2), Math.Max(1, scale.Employers));

    private static readonly Dictionary<string, string[]> HiresFor = new(StringComparer.Ordinal)
    {
        ["agriculture"] = ["vegetable_grower", "general_worker", "truck_driver", "food_processing_worker"],
        ["industry"] = ["assembly_worker", "quality_inspector", "electrician", "welder", "mask_machine_operator", "pharmaceutical_worker", "food_processing_worker", "garment_worker", "forklift_driver", "electrical_engineer"],
        ["construction"] = ["construction_worker", "civil_engineer", "electrician", "welder", "security_guard"],
        ["wholesale"] = ["warehouse_keeper", "order_picker", "truck_driver", "shop_assistant", "office_clerk", "customer_service_agent"],
        ["retail"] = ["shop_assistant", "cashier", "warehouse_keeper", "order_picker", "courier", "food_delivery_rider"],
        ["transport"] = ["truck_driver", "bus_driver", "courier", "forklift_driver"],
        ["warehousing"] = ["warehouse_keeper", "order_picker", "forklift_driver", "truck_driver"],
        ["postal"] = ["courier", "order_picker", "food_delivery_rider"],
        ["accommodation"] = ["hotel_receptionist", "cleaner", "waiter", "cook", "security_guard"],
        ["catering"] = ["cook", "waiter", "cashier", "food_delivery_rider", "cleaner"],
        ["information_transmission"] = ["software_engineer", "customer_service_agent", "electrician", "data_analyst"],
        ["software_it"] = ["software_engineer", "data_analyst", "customer_service_agent", "office_clerk"],
        ["real_estate"] = ["property_manager", "office_clerk", "accountant", "security_guard"],
        ["property_management"] = ["property_manager", "security_guard", "cleaner", "electrician", "epidemic_screener"],
        ["leasing_business"] = ["office_clerk", "customer_service_agent", "accountant", "data_analyst", "security_guard", "enterprise_manager"],
        ["other"] = ["nurse", "physician", "pharmacist", "lab_technician", "teacher", "elderly_caregiver", "epidemic_screener", "office_clerk", "accountant", "general_worker", "cleaner"],
    };

    private static readonly string[] Schools =
        ["北京大学", "清华大学", "中国人民大学", "北京师范大学", "北京航空航天大学", "北京理工大学", "北京交通大学", "北京科技大学", "首都师范大学", "北京工业大学", "首都经济贸易大学", "北京联合大学", "北京城市学院", "北京电子科技职业学院", "北京劳动保障职业学院"];

    private static readonly string[] Majors =
        ["计算机科学与技术", "软件工程", "护理学", "临床医学", "药学", "会计学", "市场营销", "土木工程", "电气工程及其自动化", "机械设计制造及其自动化", "汉语言文学", "英语", "物流管理", "酒店管理", "学前教育", "数据科学与大数据技术"];

    /// <summary>Origin counties of returning migrant workers (area codes in Hebei, Henan, Shandong, Anhui, Sichuan, Hubei and Gansu).</summary>
    private static readonly string[] OriginCounties =
        ["130124", "130181", "130223", "130528", "130627", "131121", "410122", "410225", "410326", "411522", "411625", "370124", "370323", "371425", "340122", "341221", "510722", "511321", "421122", "620421"];

    private static readonly (string Kind, double Weight)[] SeekerKinds =
        [("graduate", 40), ("migrant_worker", 30), ("registered_unemployed", 22), ("employment_difficulty", 8)];

    public static MarketFileCounts Write(CityScale scale, int seed, string directory)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Directory.CreateDirectory(directory);
        var (postings, seekers) = Size(scale);
        return new MarketFileCounts(WritePostings(scale, seed, postings, Path.Combine(directory, PostingsFile)), WriteSeekers(seed, seekers, Path.Combine(directory, SeekersFile)));
    }

    /// <summary>Only the seekers file, <paramref name="count"/> rows (demo mode's few hundred; the same rows as the first of any scale's).</summary>
    public static string WriteSeekersOnly(int seed, int count, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, SeekersFile);
        WriteSeekers(seed, count, path);
        return path;
    }

    private static long WritePostings(CityScale scale, int seed, int target, string path)
    {
        var generator = new CityGenerator(seed);
        var weights = new double[scale.Employers];
        var total = 0.0;
        for (var k = 0; k < scale.Employers; k++)
        {
            weights[k] = 1 + Math.Sqrt(generator.Outline(k).Insured);
            total += weights[k];
        }

        // Employer k gets floor(T·C_k/W) − floor(T·C_{k−1}/W) postings (C the running weight): exactly T in all.
        using var writer = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(path);
        long id = 0;
        var cumulative = 0.0;
        long before = 0;
        for (var k = 0; k < scale.Employers && id < target; k++)
        {
            cumulative += weights[k];
            var upTo = k == scale.Employers - 1 ? target : Math.Min(target, (long)Math.Floor(target * cumulative / total));
            var count = upTo - before;
            before = upTo;
            if (count <= 0)
            {
                continue;
            }

            var employer = generator.Outline(k);
            var random = new Random(Stream(seed, 1, k));
            var hires = HiresFor.TryGetValue(employer.Industry, out var list) ? list : HiresFor["other"];
            for (var n = 0; n < count; n++)
            {
                var occupation = OccupationTaxonomy.FindOccupation(hires[random.Next(hires.Length)])!;
                var payMin = RoundToHundred(occupation.TypicalPayMin * (decimal)(0.85 + (random.NextDouble() * 0.3)));
                var payMax = Math.Max(payMin + 500, RoundToHundred(payMin + ((occupation.TypicalPayMax - occupation.TypicalPayMin) * (decimal)(0.5 + (random.NextDouble() * 0.7)))));
                var urgent = random.NextDouble() < 0.1;
                var shift = random.NextDouble() < 0.15;
                var postedOn = new DateOnly(2020, 2, 1).AddDays(random.Next(151));
                var closed = random.NextDouble() < 1.0 / 6;
                using var row = writer.NewRow();
                row["id"].Set((++id).ToString(CultureInfo.InvariantCulture));
                row["employer_uscc"].Set(employer.Uscc);
                row["title_zh"].Set((urgent ? "急招" : "") + occupation.NameZh + (shift ? "（倒班）" : ""));
                row["title_en"].Set((urgent ? "Urgent: " : "") + occupation.NameEn + (shift ? " (shifts)" : ""));
                row["occupation"].Set(occupation.Code);
                row["district"].Set(random.NextDouble() < 0.85 ? employer.District : Districts.All[random.Next(Districts.All.Count)].Code);
                row["pay_min"].Set(payMin.ToString("0", CultureInfo.InvariantCulture));
                row["pay_max"].Set(payMax.ToString("0", CultureInfo.InvariantCulture));
                row["education"].Set(Education(random, occupation.MajorGroup));
                row["posted_on"].Set(postedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                row["status"].Set(closed ? "closed" : "open");
            }
        }

        return id;
    }

    private static long WriteSeekers(int seed, int count, string path)
    {
        using var writer = Sep.New(',').Writer(o => o with { WriteHeader = true }).ToFile(path);
        var occupations = OccupationTaxonomy.Occupations;
        for (var i = 0; i < count; i++)
        {
            var random = new Random(Stream(seed, 2, i));
            var kind = CityGenerator.Pick(random, SeekerKinds);
            var graduate = kind == "graduate";
            var migrant = kind == "migrant_worker";
            var wanted = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => occupations[random.Next(occupations.Count)]).DistinctBy(o => o.Code).ToList();
            var skills = wanted.SelectMany(o => o.TypicalSkills).Distinct(StringComparer.Ordinal).Where(_ => random.NextDouble() < 0.6).ToList();
            var education = graduate ? EducationLevels[3 + random.Next(3)] : Education(random, wanted[0].MajorGroup);
            using var row = writer.NewRow();
            row["id"].Set((i + 1).ToString(CultureInfo.InvariantCulture));

            // Beyond every employer's block of person numbers (CityGenerator.PersonIndex at city scale): new people, unique.
            row["id_number"].Set(CityGenerator.MakeIdNumber((615_000L * CityGenerator.PersonBlock) + i));
            row["name"].Set(CityGenerator.PersonName(random));
            row["kind"].Set(kind);
            row["district"].Set(Districts.All[random.Next(Districts.All.Count)].Code);
            row["education"].Set(education);
            row["school"].Set(graduate ? Schools[random.Next(Schools.Length)] : "");
            row["major"].Set(graduate ? Majors[random.Next(Majors.Length)] : "");
            row["graduation_year"].Set(graduate ? "2020" : "");
            row["origin_county"].Set(migrant ? OriginCounties[random.Next(OriginCounties.Length)] : "");
            row["skills"].Set(string.Join(';', skills));
            row["wanted_occupations"].Set(string.Join(';', wanted.Select(o => o.Code)));
            row["pay_min"].Set(RoundToHundred(wanted[0].TypicalPayMin * (decimal)(0.8 + (random.NextDouble() * 0.4))).ToString("0", CultureInfo.InvariantCulture));
        }

        return count;
    }

    private static string Education(Random random, int majorGroup) => majorGroup switch
    {
        1 or 2 => EducationLevels[3 + random.Next(3)],
        3 => EducationLevels[1 + random.Next(3)],
        _ => EducationLevels[random.Next(3)],
    };

    private static decimal RoundToHundred(decimal value) => Math.Round(value / 100m, MidpointRounding.AwayFromZero) * 100m;

    /// <summary>A stable stream per (seed, file, row): the same row whatever the scale or the order rows are written in.</summary>
    private static int Stream(int seed, int file, long row) =>
        CityGenerator.Mix(unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)file << 56) ^ (ulong)row ^ 0xD1B54A32D192ED03UL));
}
