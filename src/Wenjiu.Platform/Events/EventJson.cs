using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wenjiu.Platform.Periods;

namespace Wenjiu.Platform.Events;

/// <summary>
/// How events are stored: snake_case members and months as <c>yyyy-MM</c>, the API's shape (ADR 0014), so that a payload
/// written set-based by SQL (the registry import) reads the same as one serialised here.
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new YearMonthText() },
    };

    public static string Serialize<TEvent>(TEvent message) => JsonSerializer.Serialize(message, Options);

    public static TEvent Deserialize<TEvent>(string payload) =>
        JsonSerializer.Deserialize<TEvent>(payload, Options) ?? throw new JsonException($"The payload of a {typeof(TEvent).Name} is empty.");

    private sealed class YearMonthText : JsonConverter<YearMonth>
    {
        public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            YearMonth.TryParse(reader.GetString(), CultureInfo.InvariantCulture, out var month)
                ? month
                : throw new JsonException("A month is written yyyy-MM.");

        public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
