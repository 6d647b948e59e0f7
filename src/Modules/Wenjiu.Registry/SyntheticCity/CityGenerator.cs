using System.Globalization;
using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Registry.SyntheticCity;

internal sealed record SyntheticEmployer(
    string Uscc, string Name, string Industry, string District, int Employees, decimal Revenue, decimal TotalAssets, decimal InjuryRate, bool KeyEnterprise);

internal sealed record SyntheticSpell(string IdNumber, string Name, string Uscc, string StartMonth, string? EndMonth, decimal Wage);

/// <summary>One row of the <c>contributions</c> file: amounts in yuan, the payment date <c>yyyy-MM-dd</c> or null.</summary>
internal sealed record SyntheticContribution(string Uscc, string Month, int Insured, decimal Due, decimal Paid, decimal UnemploymentPaid, string? PaidOn);

/// <summary>The first draws of an employer's stream: enough to place its postings without generating its history.</summary>
internal sealed record EmployerOutline(string Uscc, string Prefix, string District, string Industry, bool Large, int Insured);

/// <summary>An employer with its spells (2018-01 … 2021-06 and the stock's earlier starts) and its contribution months.</summary>
internal sealed record SyntheticHistory(SyntheticEmployer Employer, IReadOnlyList<SyntheticSpell> Spells, IReadOnlyList<SyntheticContribution> Contributions);

/// <summary>
/// A deterministic synthetic city: the same seed gives the same employers, people and spells, at any scale.
/// Calibrated to Beijing, February 2020 (shared/domain/relief-rules.md): about 0.34% of employers large holding
/// about 18% of the insured (≈776 each), SMEs ≈12 insured each; declared wages averaging ≈12,100 yuan (large)
/// and ≈7,200 yuan (SME); a tertiary-heavy industry mix; codes and identity numbers valid by construction.
/// Each employer draws from its own random stream, so employer k is the same whatever the scale.
/// </summary>
internal sealed class CityGenerator(int seed)
{
    /// <summary>Share of employers that are large enterprises: 2,100 of 615,000.</summary>
    private const double LargeShare = 2_100.0 / 615_000.0;

    private static readonly (string Code, double Weight)[] IndustryMix =
    [
        ("agriculture", 0.5), ("industry", 7), ("construction", 3), ("wholesale", 12), ("retail", 10), ("transport", 2),
        ("warehousing", 1), ("postal", 0.3), ("accommodation", 2), ("catering", 6), ("information_transmission", 1),
        ("software_it", 15), ("real_estate", 3), ("property_management", 3), ("leasing_business", 17), ("other", 18.2),
    ];

    private static readonly (string Code, double Weight)[] DistrictMix =
    [
        ("110101", 5), ("110102", 6), ("110105", 22), ("110106", 8), ("110107", 2), ("110108", 20), ("110109", 1.5), ("110111", 3),
        ("110112", 6), ("110113", 5), ("110114", 7), ("110115", 6), ("110116", 2), ("110117", 1.5), ("110118", 2), ("110119", 1),
    ];

    /// <summary>Benchmark work-injury rate (%) of each industry's usual risk class (人社部发〔2015〕71号), before the band.</summary>
    private static readonly Dictionary<string, decimal> InjuryBenchmark = new(StringComparer.Ordinal)
    {
        ["agriculture"] = 0.7m, ["industry"] = 0.9m, ["construction"] = 1.6m, ["wholesale"] = 0.4m, ["retail"] = 0.4m,
        ["transport"] = 0.9m, ["warehousing"] = 0.7m, ["postal"] = 0.4m, ["accommodation"] = 0.4m, ["catering"] = 0.4m,
        ["information_transmission"] = 0.2m, ["software_it"] = 0.2m, ["real_estate"] = 0.4m, ["property_management"] = 0.4m,
        ["leasing_business"] = 0.2m, ["other"] = 0.2m,
    };

    private static readonly decimal[] InjuryBands = [0.5m, 0.8m, 1.0m, 1.0m, 1.2m, 1.5m];

    private const string FamilyNames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔";
    private const string GivenNameCharacters = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅鹏飞建国志文斌宇浩然欣怡子轩梓涵雨晨佳琪嘉俊思远博文天佑宏亮海燕晓东春生秋月冬梅一凡子涵";
    private const string TradeNameCharacters = "京华信达中科新创恒泰安瑞博远通宏鑫源盛德兴隆嘉和润丰智云联合天成金阳光明正元汇力峰";

    private static readonly Dictionary<string, string> NameSuffix = new(StringComparer.Ordinal)
    {
        ["agriculture"] = "农业发展有限公司", ["industry"] = "制造有限公司", ["construction"] = "建筑工程有限公司", ["wholesale"] = "商贸有限公司",
        ["retail"] = "商店有限公司", ["transport"] = "运输有限公司", ["warehousing"] = "仓储物流有限公司", ["postal"] = "快递服务有限公司",
        ["accommodation"] = "酒店管理有限公司", ["catering"] = "餐饮管理有限公司", ["information_transmission"] = "通信技术有限公司",
        ["software_it"] = "科技有限公司", ["real_estate"] = "房地产开发有限公司", ["property_management"] = "物业管理有限公司",
        ["leasing_business"] = "商务服务有限公司", ["other"] = "技术服务有限公司",
    };

    private readonly int seed = seed;

    /// <summary>Generates employer k (0-based) with its spells. Deterministic in (seed, k).</summary>
    public (SyntheticEmployer Employer, IReadOnlyList<SyntheticSpell> Spells) Generate(int index)
    {
        var history = GenerateHistory(index);
        return (history.Employer, history.Spells);
    }

    /// <summary>Generates employer k (0-based) with its spells and its contribution months. Deterministic in (seed, k).</summary>
    public SyntheticHistory GenerateHistory(int index)
    {
        var random = new Random(StreamSeed(seed, index));
        return GenerateHistory(random, index, Outline(random, index));
    }

    /// <summary>
    /// Employer k's outline (code, district, industry, insured headcount): the first draws of its stream, without its
    /// history. The labour market's postings are spread over the employers by it (<see cref="MarketFiles"/>).
    /// </summary>
    public EmployerOutline Outline(int index) => Outline(new Random(StreamSeed(seed, index)), index);

    private static EmployerOutline Outline(Random random, int index)
    {
        var district = Pick(random, DistrictMix);
        var industry = Pick(random, IndustryMix);
        var kind = random.NextDouble();
        var large = kind < LargeShare;

        // Who registered it: most are enterprises (91); some individual businesses insured as units (92),
        // a few social organisations (51/52) and public institutions (12), which the relief rules treat apart.
        var prefix = large ? "91" : kind switch
        {
            < 0.06 => "92",
            < 0.063 => "51",
            < 0.066 => "52",
            < 0.069 => "12",
            _ => "91",
        };
        var uscc = MakeUscc(prefix, district, index);
        var insured = large
            ? Math.Min(MaxInsuredPerEmployer, (int)Math.Round(LogNormal(random, 776, 0.6)))
            : random.NextDouble() switch
            {
                < 0.015 => random.Next(100, 300),
                < 0.215 => random.Next(10, 50),
                _ => random.Next(1, 8),
            };
        return new EmployerOutline(uscc, prefix, district, industry, large, insured);
    }

    /// <summary>Employer k as the employers file writes it, without generating its history (the labour market's benchmarks need only the employers).</summary>
    public SyntheticEmployer Employer(int index)
    {
        var random = new Random(StreamSeed(seed, index));
        return Employer(random, Outline(random, index)).Employer;
    }

    private static SyntheticHistory GenerateHistory(Random random, int index, EmployerOutline outline)
    {
        var (employer, facts) = Employer(random, outline);
        var (uscc, prefix, _, industry, large, insured) = outline;
        var meanWage = large ? 12_100.0 : 7_200.0;
        var category = prefix switch
        {
            "12" => SyntheticReliefCategory.None,
            "51" or "52" => SyntheticReliefCategory.LargeOrOther,
            _ when large || (prefix == "91" && SmeSizeStandard.Default.Classify(industry, facts).Class == SizeClass.Large) => SyntheticReliefCategory.LargeOrOther,
            _ => SyntheticReliefCategory.Sme,
        };
        var (spells, contributions) = new EmployerHistory(random, index, uscc, industry, meanWage, insured, category, employer.InjuryRate).Run();
        return new SyntheticHistory(employer, spells, contributions);
    }

    private static (SyntheticEmployer Employer, SizeFacts Facts) Employer(Random random, EmployerOutline outline)
    {
        var (uscc, prefix, district, industry, large, insured) = outline;
        SizeFacts facts;
        if (large)
        {
            var ceiling = SmeSizeStandard.Default.Bounds(industry, SizeClass.Large);
            facts = new SizeFacts(
                Math.Max(insured, Scaled(ceiling, SizeMeasure.Employees, random) is var e and > 0 ? (int)e : insured),
                Math.Max(Scaled(ceiling, SizeMeasure.Revenue, random), Math.Round((decimal)LogNormal(random, insured * 150.0, 0.5))),
                Math.Max(Scaled(ceiling, SizeMeasure.TotalAssets, random), Math.Round((decimal)LogNormal(random, insured * 200.0, 0.5))));
        }
        else
        {
            var employees = Math.Max(insured, (int)Math.Round(insured * (1 + (random.NextDouble() * 0.2))));
            var perHead = (decimal)LogNormal(random, 40, 0.8); // 10k yuan revenue per employee
            facts = new SizeFacts(employees, Math.Round(perHead * employees, 2), Math.Round(perHead * employees * (decimal)(0.5 + random.NextDouble()), 2));
            if (SmeSizeStandard.Default.Classify(industry, facts).Class == SizeClass.Large)
            {
                // An SME by design: keep its revenue under the large ceiling of its industry.
                var ceiling = SmeSizeStandard.Default.Bounds(industry, SizeClass.Large);
                facts = facts with
                {
                    Revenue = ceiling.TryGetValue(SizeMeasure.Revenue, out var r) ? Math.Min(facts.Revenue, r - 1) : facts.Revenue,
                    TotalAssets = ceiling.TryGetValue(SizeMeasure.TotalAssets, out var a) ? Math.Min(facts.TotalAssets, a - 1) : facts.TotalAssets,
                    Employees = ceiling.TryGetValue(SizeMeasure.Employees, out var x) && !ceiling.ContainsKey(SizeMeasure.Revenue) && !ceiling.ContainsKey(SizeMeasure.TotalAssets)
                        ? Math.Min(facts.Employees, (int)x - 1) : facts.Employees,
                };
            }
        }

        var injuryRate = Math.Clamp(InjuryBenchmark[industry] * InjuryBands[random.Next(InjuryBands.Length)], 0.1m, 2.85m);
        var employer = new SyntheticEmployer(
            uscc, EmployerName(random, district, industry, prefix), industry, district, facts.Employees, facts.Revenue, facts.TotalAssets,
            injuryRate, KeyEnterprise: large ? random.NextDouble() < 0.3 : random.NextDouble() < 0.005);
        return (employer, facts);
    }

    /// <summary>
    /// A stable seed for employer k's own stream (SplitMix64 finaliser). Not HashCode.Combine: that is randomised per
    /// process, and the city must be the same in every process.
    /// </summary>
    private static int StreamSeed(int seed, int index) => Mix(unchecked(((ulong)(uint)seed << 32) + (ulong)(uint)index + 0x9E3779B97F4A7C15UL));

    /// <summary>The SplitMix64 finaliser, to a non-negative <see cref="Random"/> seed: a stable stream from any 64-bit key.</summary>
    internal static int Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>
    /// Each employer owns a block of person numbers for its stock and its hires over the history; a person works for one
    /// employer only, so every person is unique. 615,000 blocks of 2,800 stay within the identity numbers'
    /// <see cref="MakeIdNumber"/> bijection (about 1.78 billion slots).
    /// </summary>
    internal static long PersonIndex(int employer, int person) => ((long)employer * PersonBlock) + person;

    internal const int PersonBlock = 2_800;

    private const int MaxInsuredPerEmployer = 2_000;

    internal static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static decimal Scaled(IReadOnlyDictionary<SizeMeasure, decimal> bounds, SizeMeasure measure, Random random) =>
        bounds.TryGetValue(measure, out var v) ? Math.Round(v * (decimal)(1.0 + (random.NextDouble() * 2.0)), 0) : 0;

    internal static double LogNormal(Random random, double mean, double sigma)
    {
        // Box–Muller; mu chosen so that the distribution's mean is `mean`.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Exp(Math.Log(mean) - (sigma * sigma / 2) + (sigma * z));
    }

    private static string Pick((string Code, double Weight)[] mix, Random random) => Pick(random, mix);

    internal static string Pick(Random random, (string Code, double Weight)[] mix)
    {
        var total = 0.0;
        foreach (var (_, w) in mix)
        {
            total += w;
        }

        var x = random.NextDouble() * total;
        foreach (var (code, w) in mix)
        {
            x -= w;
            if (x < 0)
            {
                return code;
            }
        }

        return mix[^1].Code;
    }

    /// <summary>Registration code + district + a unique 8-digit organisation number derived from the index + the two check characters.</summary>
    internal static string MakeUscc(string prefix, string district, int index)
    {
        // A bijection on 0..99,999,999 (multiplier coprime to 10^8) spreads the numbers without collisions.
        var organisation = (((long)index + 1_000_003L) * 7_919L % 100_000_000L).ToString("D8", CultureInfo.InvariantCulture);
        var first16 = string.Concat(prefix, district, organisation);
        var first17 = first16 + UnifiedSocialCreditCode.OrganisationCheckCharacter(organisation);
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    /// <summary>Birth-place codes: Beijing's districts and a district of each source province's capital (migrants come from everywhere).</summary>
    private static readonly string[] AreaCodes = Districts.All.Select(d => d.Code)
        .Concat(new[] { 13, 14, 15, 21, 22, 23, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 50, 51, 52, 53, 61, 62, 64, 65 }
            .SelectMany(province => new[] { 2, 3, 4, 5 }.Select(district => string.Create(CultureInfo.InvariantCulture, $"{province}01{district:D2}"))))
        .ToArray();

    /// <summary>
    /// Area code + birth date (aged 18–59 in 2020) + sequence + check. A bijection (multiplier coprime to the number of
    /// slots) from person index to (area, date, sequence) keeps every generated number unique.
    /// </summary>
    internal static string MakeIdNumber(long personIndex)
    {
        const long Days = 15_330; // 42 years of birth dates
        long slots = AreaCodes.Length * Days * 1_000L;
        var scrambled = (personIndex + 123_457L) * 7_919L % slots;
        var birth = new DateOnly(1960, 3, 1).AddDays((int)(scrambled % Days));
        var sequence = scrambled / Days % 1_000;
        var block = (int)(scrambled / Days / 1_000);
        var area = AreaCodes[block];
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{area}{birth:yyyyMMdd}{sequence:D3}");
        return first17 + ResidentIdentityNumber.CheckCharacter(first17);
    }

    internal static string PersonName(Random random)
    {
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var given = random.NextDouble() < 0.6
            ? string.Concat(GivenNameCharacters[random.Next(GivenNameCharacters.Length)], GivenNameCharacters[random.Next(GivenNameCharacters.Length)])
            : GivenNameCharacters[random.Next(GivenNameCharacters.Length)].ToString();
        return family + given;
    }

    private static string EmployerName(Random random, string district, string industry, string prefix)
    {
        var place = Districts.Find(district)!.NameZh.TrimEnd('区');
        var trade = string.Concat(TradeNameCharacters[random.Next(TradeNameCharacters.Length)], TradeNameCharacters[random.Next(TradeNameCharacters.Length)]);
        return prefix switch
        {
            "92" => $"北京市{place}{trade}{(industry == "catering" ? "餐馆" : "商店")}",
            "51" => $"北京{trade}{Industries.Find(industry)!.NameZh.TrimEnd('业')}协会",
            "52" => $"北京{trade}职业技能培训学校",
            "12" => $"北京市{place}{trade}服务中心",
            _ => $"北京{trade}{place}{NameSuffix[industry]}",
        };
    }
}
