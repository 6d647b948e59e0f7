namespace Wenjiu.Platform.Web;

/// <summary>
/// A page number as a query string gives it (<c>?page=2147483647</c>), bounded once for every list: at least 1, and never
/// so far that the rows to skip overflow an <c>int</c>. Unbounded, <c>(page - 1) * size</c> wrapped round to a negative
/// offset, which PostgreSQL refused (a 500) and SQLite read as none (the first page's rows under a page number past the
/// last). A page past the last now shows no rows on both.
/// </summary>
public static class Paging
{
    /// <summary>The page asked for, from 1 (also when none is given) to the last one an <c>int</c> offset reaches.</summary>
    public static int Number(int? requested, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return Math.Clamp(requested ?? 1, 1, int.MaxValue / pageSize);
    }

    /// <summary>The rows before the page, the page number bounded as by <see cref="Number"/>.</summary>
    public static int Offset(int? requested, int pageSize) => (Number(requested, pageSize) - 1) * pageSize;
}
