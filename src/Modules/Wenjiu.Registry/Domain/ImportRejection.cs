namespace Wenjiu.Registry.Domain;

/// <summary>One line of an import's error report: line (header = 1), column, the value as given, and the reason.</summary>
internal sealed class ImportRejection
{
    public long Id { get; set; }

    public Guid ImportRunId { get; set; }

    public long Line { get; set; }

    public string Column { get; set; } = "";

    public string Value { get; set; } = "";

    public string Reason { get; set; } = "";
}
