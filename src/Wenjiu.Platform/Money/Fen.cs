namespace Wenjiu.Platform.Money;

/// <summary>Amounts kept as whole fen (integers) where millions are summed or decoded, turned back into yuan exactly.</summary>
public static class Fen
{
    /// <summary>Fen as yuan: the same digits with a scale of 2, no division.</summary>
    public static decimal ToYuan(long fen)
    {
        var magnitude = fen < 0 ? (ulong)-fen : (ulong)fen;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, fen < 0, 2);
    }
}
