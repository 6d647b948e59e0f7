namespace Wenjiu.Recruitment.Features.Search;

/// <summary>The node's own search index (configuration section <c>Recruitment:Search</c>).</summary>
internal sealed class SearchOptions
{
    public const string Section = "Recruitment:Search";

    /// <summary>Where this node keeps its index; <c>{Wenjiu:DataDirectory}/search-index</c> when not set. Never shared between nodes.</summary>
    public string? Directory { get; set; }

    /// <summary>How often the node reads the postings' change sequence (default every second).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Changes younger than this are read again at the next poll: a transaction that took its sequence number earlier
    /// may commit after a later one, and the tail must not step over it (default 10 seconds).
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Hits a page (default 20).</summary>
    public int PageSize { get; set; } = 20;
}
