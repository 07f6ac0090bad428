using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace PasteLite.Endpoints.Pasty;

/// <summary>A create or update body: Content null when absent or null; Metadata null when absent or null.</summary>
internal sealed record PastePayload(string? Content, JsonObject? Metadata);

/// <summary>
/// Reads pasty's request bodies the way Go's decoder does (field names in any case, unknown fields ignored, the
/// last of duplicate keys wins, a `null` body is an empty payload), but answers bad JSON and wrong types with 400.
/// </summary>
internal static class PastyRequests
{
    /// <summary>The body parsed as JSON, or the 400 that says why not. At most <paramref name="maxBytes"/> are read.</summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadJsonAsync(HttpRequest request, long maxBytes, Func<IResult> tooLarge)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        if (request.ContentLength > maxBytes) return (null, tooLarge());

        byte[] body;
        try
        {
            if (request.ContentLength is { } length)
            {
                // Kestrel holds the body to its Content-Length: read straight into an array of that size.
                body = new byte[length];
                var read = await request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
                if (read < body.Length) body = body[..read];
            }
            else body = await ReadToEndAsync(request, maxBytes);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge());
        }
        if (body.Length > maxBytes) return (null, tooLarge());

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

    /// <summary>A body of unknown length (chunked), read until it ends or passes <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]> ReadToEndAsync(HttpRequest request, long maxBytes)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024); // pooled: a fresh 16 KiB per create was most of its garbage
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) break; // the caller answers 413
            }
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>{"content": string, "metadata": object}, both optional here; the caller decides what is required.</summary>
    public static (PastePayload? Payload, IResult? Error) ReadPaste(JsonElement root) => NamesDecoded(() => ReadPasteFields(root));

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

    private static (PastePayload? Payload, IResult? Error) ReadPasteFields(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Null) return (new PastePayload(null, null), null);
        if (root.ValueKind != JsonValueKind.Object) return (null, PastyErrors.InvalidBody("expected a JSON object"));
        string? content = null;
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
                if (property.Value.ValueKind == JsonValueKind.Object
                    && (metadata = PastyMetadata.TryToObject(property.Value)) is null)
                    return (null, PastyErrors.InvalidBody("metadata holds text that is not valid Unicode"));
            }
        }
        return (new PastePayload(content, metadata), null);
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
