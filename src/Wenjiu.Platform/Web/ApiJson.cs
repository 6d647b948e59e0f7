using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Wenjiu.Platform.Web;

/// <summary>
/// The one JSON shape of the whole API (ADR 0014): snake_case names (as the calculator's contract of issue 3 spells
/// them), nulls left out, Chinese text unescaped. Every endpoint answers with it through the host's JSON options; a
/// module needs its own options only to be stricter in what it reads (the calculator refuses unknown members).
/// </summary>
public static class ApiJson
{
    public static readonly JsonNamingPolicy Naming = JsonNamingPolicy.SnakeCaseLower;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>A validation problem's field names as the request spells them (<c>size_class</c>, not <c>SizeClass</c>).</summary>
    public static string FieldName(string property) => Naming.ConvertName(property);

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = Naming;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Chinese text and ≥ stay readable; the answers are application/json, never inlined into HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.Configure<JsonOptions>(options => Configure(options.SerializerOptions));
}
