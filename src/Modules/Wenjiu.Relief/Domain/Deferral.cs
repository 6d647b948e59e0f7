using Wenjiu.Platform.Periods;

namespace Wenjiu.Relief.Domain;

/// <summary>An approved deferral (缓缴) recorded by staff: consecutive months of employer payable deferred without late fee.</summary>
internal sealed class Deferral
{
    public long Id { get; set; }

    public string Uscc { get; set; } = "";

    /// <summary><c>yyyymm</c>, not before the rule set's earliest deferral month.</summary>
    public YearMonth FirstMonth { get; set; }

    /// <summary><c>yyyymm</c>, within the maximum length and not after the latest deferral month.</summary>
    public YearMonth LastMonth { get; set; }

    /// <summary>The approval's reference (document number), as staff record it.</summary>
    public string Reference { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>
    /// When staff revoked the deferral (null while it stands). A revoked deferral stays on record, with who revoked it
    /// and why, but defers nothing: the next assessment of its months bills them as not deferred.
    /// </summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevocationReason { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
