namespace Wenjiu.Ledger.Domain;

/// <summary>One entry of a line's history: what happened (a code with a text in the module's resources, <c>History.{kind}</c>), by whom, why.</summary>
internal sealed class LineEvent
{
    public long Id { get; set; }

    public long LineId { get; set; }

    public DateTimeOffset At { get; set; }

    public string By { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Detail { get; set; }
}
