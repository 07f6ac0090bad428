using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace PasteLite.Endpoints.Pasty;

/// <summary>
/// A create or update body: Content null when absent or null; Metadata null when absent or null, or when it is
/// already in stored form (StoredMetadata, asked for by creates: <see cref="PastyMetadata.StoredFormOrNull"/>).
/// </summary>
internal sealed record PastePayload(string? Content, JsonObject? Metadata, string? StoredMetadata = null);

/// <summary>
/// Reads pasty's request bodies the way Go's decoder does (field names in any case, unknown fields ignored, the
/// last of duplicate keys wins, a `null` body is an empty payload), but answers bad JSON and wrong types with 400.
/// </summary>
internal static class PastyRequests
{
    /// <summary>The body parsed as JSON, or the 400 that says why not. At most <paramref name="maxBytes"/> are read.</summary>
    public static async ValueTask<(JsonDocument? Document, IResult? Error)> ReadJsonAsync(HttpRequest request, long maxBytes, Func<IResult> tooLarge)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        byte[]? body;
        try
        {
            body = await BodyReading.ReadCappedAsync(request.Body, request.ContentLength, maxBytes, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge());
        }
        if (body is null) return (null, tooLarge());

        var json = body.AsMemory();
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty) return (null, PastyErrors.InvalidBody("expected a JSON object, got an empty body"));
        try
        {
            return (JsonDocument.Parse(json), null);
        }
        catch (JsonException e)
        {
            return (null, PastyErrors.InvalidBody($"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}"));
        }
    }

    /// <summary>{"content": string, "metadata": object}, both optional here; the caller decides what is required.</summary>
    public static (PastePayload? Payload, IResult? Error) ReadPaste(JsonElement root, bool storedForm = false) =>
        NamesDecoded(() => ReadPasteFields(root, storedForm));

    /// <summary>{"reason": string}; the reason is null when absent or null.</summary>
    public static (string? Reason, IResult? Error) ReadReport(JsonElement root) => NamesDecoded(() => ReadReportFields(root));

    /// <summary>A key that is not valid UTF-8 throws when its name is read: that is a 400 too.</summary>
    private static (T?, IResult?) NamesDecoded<T>(Func<(T?, IResult?)> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return (default, PastyErrors.InvalidBody("a field name is not valid Unicode"));
        }
    }

    private static (PastePayload? Payload, IResult? Error) ReadPasteFields(JsonElement root, bool storedForm)
    {
        if (root.ValueKind == JsonValueKind.Null) return (new PastePayload(null, null), null);
        if (root.ValueKind != JsonValueKind.Object) return (null, PastyErrors.InvalidBody("expected a JSON object"));
        string? content = null, stored = null;
        JsonObject? metadata = null;
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (Is(name, "content"))
            {
                if (ReadString(property, out content) is { } why) return (null, PastyErrors.InvalidBody(why));
            }
            else if (Is(name, "metadata"))
            {
                if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    return (null, PastyErrors.InvalidBody("metadata must be a JSON object"));
                metadata = null;
                stored = storedForm && property.Value.ValueKind == JsonValueKind.Object ? PastyMetadata.StoredFormOrNull(property.Value) : null;
                if (stored is null && property.Value.ValueKind == JsonValueKind.Object
                    && (metadata = PastyMetadata.TryToObject(property.Value)) is null)
                    return (null, PastyErrors.InvalidBody("metadata holds text that is not valid Unicode"));
            }
        }
        return (new PastePayload(content, metadata, stored), null);
    }

    private static (string? Reason, IResult? Error) ReadReportFields(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Null) return (null, null);
        if (root.ValueKind != JsonValueKind.Object) return (null, PastyErrors.InvalidBody("expected a JSON object"));
        string? reason = null;
        foreach (var property in root.EnumerateObject())
            if (Is(property.Name, "reason") && ReadString(property, out reason) is { } why)
                return (null, PastyErrors.InvalidBody(why));
        return (reason, null);
    }

    private static bool Is(string name, string field) => name.Equals(field, StringComparison.OrdinalIgnoreCase);

    /// <summary>A JSON string (null for JSON null) into <paramref name="text"/>; otherwise why not.</summary>
    private static string? ReadString(JsonProperty property, out string? text)
    {
        text = null;
        if (property.Value.ValueKind == JsonValueKind.Null) return null;
        if (property.Value.ValueKind != JsonValueKind.String) return $"{property.Name.ToLowerInvariant()} must be a string";
        try
        {
            text = property.Value.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            return $"{property.Name.ToLowerInvariant()} holds text that is not valid Unicode"; // a lone surrogate escape such as "\ud800"
        }
    }
}
