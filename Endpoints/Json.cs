using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasteLite.Endpoints;

/// <summary>Every type that goes over the wire as JSON, so the trimmed binary serializes without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
