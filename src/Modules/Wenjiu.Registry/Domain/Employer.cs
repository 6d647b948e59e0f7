using Wenjiu.Registry.Contracts;
namespace Wenjiu.Registry.Domain;

/// <summary>An insured employer (参保单位), keyed by its unified social credit code.</summary>
internal sealed class Employer
{
    /// <summary>interchange.md: a registered name is non-empty and at most 200 characters.</summary>
    public const int NameMaxLength = 200;

    /// <summary>The work-injury rate band, percent (interchange.md; 人社部发〔2015〕71号 classes 1–8 with their bands).</summary>
    public const decimal LowestInjuryRate = 0.1m;

    public const decimal HighestInjuryRate = 2.85m;

    /// <summary>numeric(18,2) holds 16 digits before the point: revenue and assets (10k yuan) must stay below this.</summary>
    public const decimal AmountCeiling = 10_000_000_000_000_000m;

    public static bool IsInjuryRate(decimal rate) => rate is >= LowestInjuryRate and <= HighestInjuryRate;

    public string Uscc { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Industry group of the SME size standard, e.g. <c>software_it</c>.</summary>
    public string Industry { get; set; } = "";

    /// <summary>GB/T 2260 district code, e.g. <c>110105</c>.</summary>
    public string District { get; set; } = "";

    public int Employees { get; set; }

    /// <summary>Annual operating revenue in 10k yuan.</summary>
    public decimal Revenue { get; set; }

    /// <summary>Total assets in 10k yuan.</summary>
    public decimal TotalAssets { get; set; }

    /// <summary>The employer's work-injury contribution rate in percent (0.1–2.85).</summary>
    public decimal InjuryRate { get; set; }

    public bool KeyEnterprise { get; set; }

    /// <summary>Computed from the facts above by the SME size standard whenever they change.</summary>
    public SizeClass SizeClass { get; set; }

    /// <summary>
    /// The size class published for the 2020 policy period (relief-rules.md: fixed for the period): set when the
    /// registry first classifies the employer (its first import or its creation by staff) and not moved when its facts
    /// change later. Null for a row written before the class was kept (then the class computed from the facts stands).
    /// </summary>
    public SizeClass? PublishedSizeClass { get; set; }

    /// <summary>The class an upheld objection set for the policy period; null while none was upheld.</summary>
    public SizeClass? ObjectionSizeClass { get; set; }

    /// <summary>The upheld objection's reference (the review's), which makes reclassifying idempotent.</summary>
    public string? ObjectionReference { get; set; }

    public DateTimeOffset? ReclassifiedAt { get; set; }

    public string? ReclassifiedBy { get; set; }

    /// <summary>The class published for the policy period, whichever way the employer was first classified.</summary>
    public SizeClass PublishedClass => PublishedSizeClass ?? SizeClass;

    /// <summary>
    /// The size class in force for the policy period, the one the relief assessment bills by: the published class unless
    /// an objection was upheld.
    /// </summary>
    public SizeClass PolicySizeClass => ObjectionSizeClass ?? PublishedClass;

    /// <summary>Staff accepted a code whose check character fails (some pilot-era codes do, policy.md §6b).</summary>
    public bool CheckCharacterOverridden { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public EntityType EntityType => UnifiedSocialCreditCode.EntityTypeOf(Uscc);

    public SizeClassification Classify(SmeSizeStandard standard)
    {
        ArgumentNullException.ThrowIfNull(standard);
        return standard.Classify(Industry, new SizeFacts(Employees, Revenue, TotalAssets));
    }
}
