namespace Wenjiu.Recruitment.Domain;

/// <summary>Why a person looks for work through the platform (issue 10 §2); a seeker may be more than one, the main one is kept.</summary>
internal enum SeekerKind
{
    /// <summary>A college graduate (高校毕业生): school, major and graduation year.</summary>
    Graduate,

    /// <summary>A migrant worker returning to the city (返京务工人员): origin county and skills.</summary>
    MigrantWorker,

    /// <summary>Registered as unemployed (登记失业人员).</summary>
    RegisteredUnemployed,

    /// <summary>A person with employment difficulties (就业困难人员).</summary>
    EmploymentDifficulty,

    Other,
}

/// <summary>
/// A job seeker's profile (求职者): one per person record (<see cref="PersonId"/>, the registry's number; the identity
/// number itself stays in the registry). An employer sees the name, phone and resume only after the seeker applied to
/// one of its postings or agreed (<see cref="SeekerConsent"/>); everyone else sees them masked.
/// </summary>
internal sealed class Seeker
{
    public long Id { get; set; }

    /// <summary>The registry's person number: unique, so a person arriving twice is one seeker.</summary>
    public long PersonId { get; set; }

    /// <summary>The seeker's own sign-in, when they have one (null for a seeker registered by staff, an agency or the seed).</summary>
    public string? UserName { get; set; }

    public SeekerKind Kind { get; set; }

    /// <summary>The name the seeker gives (shown masked until an employer may see it).</summary>
    public required string Name { get; set; }

    /// <summary>The mobile number, encrypted at rest (<c>PersonalDataProtector</c>); null when not given.</summary>
    public byte[]? PhoneCipher { get; set; }

    /// <summary>Where the seeker wants to work or lives: a district code of <c>Wenjiu.Registry.Contracts.Districts</c>.</summary>
    public required string District { get; set; }

    public Education Education { get; set; }

    public string School { get; set; } = "";

    public string Major { get; set; } = "";

    public int? GraduationYear { get; set; }

    /// <summary>A returning migrant worker's county of origin (a six-digit area code).</summary>
    public string OriginCounty { get; set; } = "";

    /// <summary>Skill codes of the taxonomy, space-separated.</summary>
    public string Skills { get; set; } = "";

    /// <summary>Occupation codes of the taxonomy the seeker wants, space-separated, first the main one.</summary>
    public string WantedOccupations { get; set; } = "";

    /// <summary>The least monthly pay the seeker asks, yuan before tax.</summary>
    public decimal PayMin { get; set; }

    /// <summary>Whether the seeker may be recommended to employers (and found by specialists and agencies) at all.</summary>
    public bool OpenToRecommendations { get; set; } = true;

    public string TaxonomyVersion { get; set; } = Contracts.OccupationTaxonomy.Version;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What a line of a structured resume is about.</summary>
internal enum ResumeEntryKind
{
    Education,
    Work,
    Certificate,
    Training,
}

/// <summary>One line of a seeker's structured resume (简历): a school, a job, a certificate, a course, with its dates.</summary>
internal sealed class ResumeEntry
{
    public long Id { get; set; }

    public long SeekerId { get; set; }

    public ResumeEntryKind Kind { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The school, employer or issuing body.</summary>
    public required string Organisation { get; set; }

    /// <summary>The degree, position or certificate.</summary>
    public required string Title { get; set; }

    /// <summary>An occupation code of the taxonomy for a work line, when known (recommendations read it).</summary>
    public string? Occupation { get; set; }

    public string Description { get; set; } = "";
}

/// <summary>
/// A seeker's agreement that one employer may see their details without an application (e.g. after a specialist's or an
/// agency's recommendation, or at a fair's booth). Revoking it hides them again.
/// </summary>
internal sealed class SeekerConsent
{
    public long Id { get; set; }

    public long SeekerId { get; set; }

    public required string Uscc { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
