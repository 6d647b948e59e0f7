namespace Wenjiu.Recruitment.Features.Postings;

/// <summary>The bureau's working practice for postings (configuration section <c>Recruitment</c>).</summary>
internal sealed class PostingOptions
{
    public const string Section = "Recruitment";

    /// <summary>An open posting not refreshed for this many days is unpublished by the daily sweep (default 30, as Les emplois de l'inclusion).</summary>
    public int StaleAfterDays { get; set; } = 30;
}
