namespace Wenjiu.Recruitment.Domain;

/// <summary>What kind of campaign: the graduates' online recruitment month, Spring Breeze Action, or another.</summary>
internal enum CampaignKind
{
    /// <summary>高校毕业生网上招聘月 (e.g. 2020-05-20 … 2020-07-19).</summary>
    GraduatesMonth,

    /// <summary>春风行动: for returning migrant workers and people with employment difficulties.</summary>
    SpringBreeze,

    Other,
}

/// <summary>A recruitment campaign (招聘活动): a period that groups online fairs; its statistics add up its fairs'.</summary>
internal sealed class Campaign
{
    public long Id { get; set; }

    public CampaignKind Kind { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    /// <summary>First and last day, Beijing days.</summary>
    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// An online job fair (空中双选会): booths of employers with their postings, open between <see cref="StartsAt"/> and
/// <see cref="EndsAt"/>; employers register a booth until <see cref="RegistrationClosesAt"/>.
/// </summary>
internal sealed class Fair
{
    public long Id { get; set; }

    public long? CampaignId { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset RegistrationClosesAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An employer's booth at a fair, with the postings it shows there (its own open postings).</summary>
internal sealed class Booth
{
    public long Id { get; set; }

    public long FairId { get; set; }

    public required string Uscc { get; set; }

    public required string EmployerName { get; set; }

    /// <summary>Key enterprises' booths stand in the urgent-hiring column, most urgent first.</summary>
    public bool KeyEnterprise { get; set; }

    /// <summary>The highest urgency of the ledger's lines behind its postings (0 for none).</summary>
    public decimal Urgency { get; set; }

    /// <summary>Posting ids, space-separated.</summary>
    public string PostingIds { get; set; } = "";

    public string RegisteredBy { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
}

internal enum QueueStatus
{
    Waiting,

    /// <summary>The booth called the seeker in (to its online interview room).</summary>
    Called,

    /// <summary>The booth finished with the seeker.</summary>
    Seen,

    /// <summary>The seeker left the queue, or did not come when called.</summary>
    Left,
}

/// <summary>A seeker's place in a booth's live queue: a number per booth, first come first called.</summary>
internal sealed class QueueEntry
{
    public long Id { get; set; }

    public long BoothId { get; set; }

    public long SeekerId { get; set; }

    /// <summary>The ticket number, 1, 2, 3… within the booth.</summary>
    public int Number { get; set; }

    public QueueStatus Status { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public DateTimeOffset? CalledAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}
