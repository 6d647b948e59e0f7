namespace Wenjiu.Recruitment.Domain;

/// <summary>
/// One occupation a seeker open to recommendations wants, with the seeker's district: the table the recommender reads to
/// find candidates for a demand line (by occupation, nearest districts first) without scanning every seeker. Derived
/// from <see cref="Seeker"/> by <c>SeekerMatchIndex</c>; <see cref="Rank"/> 0 is the seeker's main occupation.
/// </summary>
internal sealed class SeekerOccupation
{
    public required string Occupation { get; set; }

    public required string District { get; set; }

    public long SeekerId { get; set; }

    public int Rank { get; set; }
}
