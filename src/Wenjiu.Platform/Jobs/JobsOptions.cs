namespace Wenjiu.Platform.Jobs;

/// <summary>How this node takes part in running jobs (the <c>Jobs</c> configuration section; docs/operations.md).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False: this node only queues work and never runs it (a web node kept free of long work, or a test of a stopped scheduler).</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>Jobs one node runs at once.</summary>
    public int Threads { get; set; } = 4;

    /// <summary>How often a node looks for triggers due when it has none (also how soon it sees work another node queued).</summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a running job looks at its row for a cancel request.</summary>
    public TimeSpan CancellationPoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a clustered node checks in; a node silent for longer (plus a margin) is taken as dead and its jobs recovered.</summary>
    public TimeSpan ClusterCheckin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Intervals of the scheduled jobs by name, overriding their registered ones (e.g. <c>Jobs:Intervals:platform.expired-sign-ins=00:10:00</c>).</summary>
    public Dictionary<string, TimeSpan> Intervals { get; } = new(StringComparer.Ordinal);
}
