using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PasteLite.Tests.Support;

/// <summary>A body of unknown length: sent chunked, so only the server's reading (not a Content-Length) can stop it.</summary>
public sealed class ChunkedContent(byte[] bytes, string? contentType = null) : HttpContent
{
    public ChunkedContent(string text, string contentType) : this(Encoding.UTF8.GetBytes(text), contentType) { }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        if (contentType is not null) Headers.ContentType ??= MediaTypeHeaderValue.Parse(contentType);
        length = 0;
        return false;
    }
}
