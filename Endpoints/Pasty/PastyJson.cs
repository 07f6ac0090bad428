using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using PasteLite.Services;

namespace PasteLite.Endpoints.Pasty;

/// <summary>GET /api/v2/info; keys in alphabetical order as pasty's Go map emits them.</summary>
internal sealed record PastyInfo(bool ModificationTokens, long PasteLifetime, bool Reports, string Version);

/// <summary>pasty's JSON: camelCase names; like Go, HTML-sensitive characters escaped but other text left readable.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PastyInfo))]
[JsonSerializable(typeof(ReportVerdict))]
internal sealed partial class PastyJsonContext : JsonSerializerContext
{
    public static PastyJsonContext Wire { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });
}
