using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PasteLite.Data;

namespace PasteLite.Endpoints.Pasty;

/// <summary>
/// A paste as pasty's JSON answer, fields in pasty's order ({"id","content","modificationToken","created","metadata"},
/// the token only in the create answer), sent with its Content-Length. Written straight from the stored row: the
/// content from its UTF-8 bytes and stored metadata as it is when that is exactly what re-encoding it would give, so
/// a read decodes no string and parses no metadata (bench/RESULTS.md).
/// </summary>
internal sealed class PastyPasteAnswer(PasteRow paste, string? modificationToken, int statusCode)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => statusCode;
    public string ContentType => JsonAnswer.Utf8Json;

    public Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonAnswer.Utf8Json;
        var written = WriteToThreadBuffer(paste, modificationToken);
        response.ContentLength = written.Length;
        response.BodyWriter.Write(written.Span); // copied out before any await: the buffer is this thread's
        return response.BodyWriter.FlushAsync().AsTask();
    }

    /// <summary>The answer's JSON bytes (tests compare them with a serializer's).</summary>
    public static byte[] Write(PasteRow paste, string? modificationToken) => WriteToThreadBuffer(paste, modificationToken).ToArray();

    // pasty's readable encoder (as Go: HTML-sensitive characters escaped, other text as it is) and the default one.
    // Both escape the same ASCII characters, so an all-ASCII answer takes the default one, which is faster.
    private static readonly JavaScriptEncoder Readable = PastyJsonContext.Wire.Options.Encoder!;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_asciiWriter;
    [ThreadStatic] private static Utf8JsonWriter? t_readableWriter;

    private static ReadOnlyMemory<byte> WriteToThreadBuffer(PasteRow paste, string? modificationToken)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        if (buffer.Capacity > 64 * 1024) buffer = t_buffer = new ArrayBufferWriter<byte>(1024); // one large paste does not pin its buffer

        var content = paste.Content;
        var contentIsAscii = Ascii.IsValid(content);
        var contentIsUtf8 = contentIsAscii || Utf8.IsValid(content); // one scan of the content when it is ASCII
        var metadataRaw = RawMetadataOrNull(paste.Metadata);
        var ascii = contentIsAscii && Ascii.IsValid(paste.Id) && (modificationToken is null || Ascii.IsValid(modificationToken))
                    && (metadataRaw is not null || (Ascii.IsValid(paste.Metadata) && !paste.Metadata.Contains("\\u", StringComparison.Ordinal)));
        var writer = ascii
            ? Reset(ref t_asciiWriter, buffer, JavaScriptEncoder.Default)
            : Reset(ref t_readableWriter, buffer, Readable);

        writer.WriteStartObject();
        writer.WriteString("id"u8, paste.Id);
        if (contentIsUtf8) writer.WriteString("content"u8, content);
        else writer.WriteString("content"u8, Encoding.UTF8.GetString(content)); // invalid sequences read as U+FFFD
        if (modificationToken is not null) writer.WriteString("modificationToken"u8, modificationToken);
        writer.WriteNumber("created"u8, paste.Created);
        writer.WritePropertyName("metadata"u8);
        if (metadataRaw is not null) writer.WriteRawValue(metadataRaw, skipInputValidation: true);
        else PastyMetadata.ToElement(paste.Metadata).WriteTo(writer);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenMemory;
    }

    private static Utf8JsonWriter Reset(ref Utf8JsonWriter? cached, ArrayBufferWriter<byte> buffer, JavaScriptEncoder encoder)
    {
        if (cached is null) cached = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder });
        else cached.Reset(buffer);
        return cached;
    }

    /// <summary>
    /// The stored metadata when writing it through either encoder would give it back byte for byte: one JSON object
    /// in the plain form <see cref="PastyMetadata.IsPlainCompactAscii"/> checks. Else null (parsed and re-encoded, and
    /// anything stored that is not an object reads as {}).
    /// </summary>
    private static string? RawMetadataOrNull(string stored)
    {
        if (stored.Length == 0 || stored[0] != '{' || !Ascii.IsValid(stored)) return null;
        var rented = stored.Length <= 512 ? null : ArrayPool<byte>.Shared.Rent(stored.Length);
        Span<byte> bytes = rented is null ? stackalloc byte[512] : rented;
        bytes = bytes[..Encoding.ASCII.GetBytes(stored, bytes)];
        try
        {
            return PastyMetadata.IsPlainCompactAscii(bytes) && IsOneJsonValue(bytes) ? stored : null;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsOneJsonValue(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
