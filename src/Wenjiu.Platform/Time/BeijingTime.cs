using System.Globalization;
using Microsoft.AspNetCore.Html;
using Wenjiu.Platform.Localization;

namespace Wenjiu.Platform.Time;

/// <summary>
/// Every time a person reads is Beijing time (Asia/Shanghai, UTC+8 all year: China has no daylight saving since 1991),
/// written one way everywhere: <c>2020-03-09 10:05</c> (or with seconds), in a <c>&lt;time&gt;</c> element whose
/// <c>datetime</c> carries the offset. Stored times stay UTC (<see cref="DateTimeOffset"/>); only display converts.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The instant as a Beijing wall-clock time (offset +08:00).</summary>
    public static DateTimeOffset Of(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar day in Beijing of an instant (a day starts at 00:00 Beijing time, 16:00 UTC the day before).</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(Of(instant).DateTime);

    /// <summary>The first instant of a Beijing calendar day, for searching stored UTC times by the day a person typed.</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    /// <summary><c>2020-03-09 10:05</c>, or <c>2020-03-09 10:05:30</c> with <paramref name="seconds"/>.</summary>
    public static string Format(DateTimeOffset instant, bool seconds = false) =>
        Of(instant).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>As <see cref="Format"/>, or an empty string for no time.</summary>
    public static string Format(DateTimeOffset? instant, bool seconds = false) => instant is { } i ? Format(i, seconds) : "";

    /// <summary>A <c>&lt;time&gt;</c> element: the Beijing time as text, the instant with its offset as <c>datetime</c>.</summary>
    public static IHtmlContent Html(DateTimeOffset instant, bool seconds = false)
    {
        var local = Of(instant);
        var content = new HtmlContentBuilder();
        content.AppendHtml("<time datetime=\"");
        content.Append(local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        content.AppendHtml("\">");
        content.Append(Format(instant, seconds));
        content.AppendHtml("</time>");
        return content;
    }

    /// <summary>"时间（北京时间）" / "When (Beijing time)": a label or column heading that says the zone.</summary>
    public static string Label(string label) => PlatformText.Get("Time.InBeijing", label);

    /// <summary>"北京时间" / "Beijing time".</summary>
    public static string ZoneName => PlatformText.Get("Time.Beijing");
}
