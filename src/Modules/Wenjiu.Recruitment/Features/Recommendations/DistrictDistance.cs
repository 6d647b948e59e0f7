using System.Collections.Frozen;

namespace Wenjiu.Recruitment.Features.Recommendations;

/// <summary>
/// Straight-line distance between Beijing's districts, from their government seats (approximate WGS-84 coordinates to
/// two decimals): the recommender's measure of "how far", explained as such. A seeker or a line names a district, not an
/// address, so nothing finer would be honest.
/// </summary>
internal static class DistrictDistance
{
    private static readonly FrozenDictionary<string, (double Lat, double Lon)> Seats = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
    {
        ["110101"] = (39.93, 116.42), // 东城
        ["110102"] = (39.91, 116.37), // 西城
        ["110105"] = (39.92, 116.44), // 朝阳
        ["110106"] = (39.86, 116.29), // 丰台
        ["110107"] = (39.91, 116.22), // 石景山
        ["110108"] = (39.96, 116.30), // 海淀
        ["110109"] = (39.94, 116.10), // 门头沟
        ["110111"] = (39.75, 116.14), // 房山
        ["110112"] = (39.91, 116.66), // 通州
        ["110113"] = (40.13, 116.65), // 顺义
        ["110114"] = (40.22, 116.23), // 昌平
        ["110115"] = (39.73, 116.34), // 大兴
        ["110116"] = (40.32, 116.63), // 怀柔
        ["110117"] = (40.14, 117.12), // 平谷
        ["110118"] = (40.38, 116.84), // 密云
        ["110119"] = (40.46, 115.97), // 延庆
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Kilometres between the two districts' seats (0 within a district), null when either is unknown.</summary>
    public static decimal? Km(string? from, string? to)
    {
        if (from is null || to is null || !Seats.TryGetValue(from, out var a) || !Seats.TryGetValue(to, out var b))
        {
            return null;
        }

        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return 0m;
        }

        const double EarthKm = 6371.0;
        var dLat = Radians(b.Lat - a.Lat);
        var dLon = Radians(b.Lon - a.Lon);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(a.Lat)) * Math.Cos(Radians(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return Math.Round((decimal)(2 * EarthKm * Math.Asin(Math.Sqrt(h))), 1);
    }

    /// <summary>The districts from the nearest (the district itself) to the farthest.</summary>
    public static IReadOnlyList<string> ByDistanceFrom(string district) =>
        [.. Seats.Keys.OrderBy(d => Km(district, d) ?? decimal.MaxValue).ThenBy(d => d, StringComparer.Ordinal)];

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;
}
