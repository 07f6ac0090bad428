using System.Buffers;

namespace PasteLite.Endpoints;

/// <summary>Request bodies (and multipart sections) read whole, never holding more than a cap of them.</summary>
internal static class BodyReading
{
    /// <summary>
    /// All of <paramref name="stream"/>, or null when it is longer than <paramref name="cap"/> bytes (a declared length
    /// past the cap is refused before a byte is read). With a known length, a Content-Length that Kestrel holds the
    /// body to, it is read straight into an array of that size. A ValueTask: a body already received completes at once,
    /// without a task allocated.
    /// </summary>
    public static async ValueTask<byte[]?> ReadCappedAsync(Stream stream, long? length, long cap, CancellationToken cancel)
    {
        if (length is { } known)
        {
            if (known > cap) return null;
            var body = new byte[known];
            var got = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancel);
            return got < body.Length ? body[..got] : body;
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024); // pooled: a fresh 16 KiB per upload was most of its garbage
        try
        {
            while (true)
            {
                var room = (int)Math.Min(chunk.Length, cap + 1 - buffer.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, room), cancel);
                if (read == 0) return buffer.ToArray();
                buffer.Write(chunk, 0, read);
                if (buffer.Length > cap) return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
