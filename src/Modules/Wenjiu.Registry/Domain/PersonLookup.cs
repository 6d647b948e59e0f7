using Wenjiu.Registry.Contracts;
namespace Wenjiu.Registry.Domain;

/// <summary>Why a member of staff looks a person up; required on every look-up, recorded with it in the audit log.</summary>
internal enum LookupPurpose
{
    /// <summary>Handling the person's own case or request (e.g. a benefit or relief claim in front of the officer).</summary>
    CaseWork,

    /// <summary>A labour inspection or complaint about an employer.</summary>
    Inspection,

    /// <summary>Correcting the registry (a wrong name, a spell imported twice).</summary>
    Correction,

    /// <summary>Anything else, described in the note.</summary>
    Other,
}

internal enum LookupOutcome
{
    Found,
    NotFound,

    /// <summary>Over the hourly quota: nothing was looked up.</summary>
    Refused,
}

/// <summary>
/// One look-up of a person by identity number, kept so that the hourly quota is counted from the database (it survives a
/// restart and holds across nodes). The number itself is not kept here: the audit log has the look-up, masked.
/// </summary>
internal sealed class PersonLookup
{
    public long Id { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>UTC. A <see cref="DateTime"/>, not a <see cref="DateTimeOffset"/>: SQLite compares and orders it as text.</summary>
    public DateTime OccurredAtUtc { get; set; }

    public LookupPurpose Purpose { get; set; }

    public string? Note { get; set; }

    public LookupOutcome Outcome { get; set; }
}
