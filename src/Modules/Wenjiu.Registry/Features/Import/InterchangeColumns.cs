using Wenjiu.Registry.Contracts;
using Wenjiu.Registry.Domain;

namespace Wenjiu.Registry.Features.Import;

/// <summary>The column sets of the three interchange files (docs/interchange.md): the contract with the social insurance system.</summary>
internal static class InterchangeColumns
{
    public static readonly string[] Employers =
        ["uscc", "name", "industry", "district", "employees", "revenue", "total_assets", "injury_rate", "key_enterprise"];

    public static readonly string[] Employment = ["id_number", "name", "uscc", "start_month", "end_month", "wage"];

    public static readonly string[] Contributions = ["uscc", "month", "insured", "due", "paid", "unemployment_paid", "paid_on"];

    public static IReadOnlyList<string> For(ImportKind kind) => kind switch
    {
        ImportKind.Employers => Employers,
        ImportKind.Employment => Employment,
        _ => Contributions,
    };
}

/// <summary>
/// The whole file is not what it claims to be (wrong header, not UTF-8, not a spreadsheet, empty, over a cap): nothing
/// of it is written. The message is an <see cref="ImportMessages"/> code, rendered in the reader's language.
/// </summary>
internal sealed class ImportRefusedException(string message) : Exception(message);

/// <summary>
/// One data row as read: its line in the file (header = 1) and the contract's columns in contract order, or, when the
/// row cannot be split into those columns, why not and the row as given.
/// </summary>
internal sealed record SourceRow(long Line, string[] Values, string? Problem = null, string? RawText = null);

/// <summary>One line of the error report before it is stored.</summary>
internal readonly record struct RowRejection(long Line, string Column, string Value, string Reason);
