using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using PasteLite.Config;
using PasteLite.Web;

namespace PasteLite.Hosting;

/// <summary>
/// A route's request body limit, in bytes. <see cref="HandlerAnswers"/>: the handler reads the body capped itself and
/// answers an oversized one in its own words (pasty's "too large paste content", the terminal's 413 line), so the
/// middleware only bounds the stream.
/// </summary>
internal sealed record BodyLimit(long Bytes, bool HandlerAnswers = false);

/// <summary>
/// Request limits: Kestrel's (headers, slow bodies, a global body size) and a body size per surface, enforced before
/// anything is buffered: a declared Content-Length past the limit is refused at once, and a chunked body is cut off by
/// the stream as it passes the limit. Oversized is 413 in the surface's format, never a 500.
/// </summary>
internal static class Limits
{
    public const long MiB = 1 << 20;
    /// <summary>Gist web forms carry whole files, like the Gist API.</summary>
    public const long GistFormBody = 10 * MiB;
    /// <summary>Every other web form (login, settings, the paste form posts to /-/pastes).</summary>
    public const long FormBody = 2 * MiB;
    public const long HeadersTotal = 32 * 1024;
    public const string Message = "request body too large";

    public static void Configure(KestrelServerLimits limits, Settings settings)
    {
        limits.MaxRequestBodySize = settings.MaxBodySize;
        limits.MaxRequestHeadersTotalSize = (int)HeadersTotal;
        limits.MaxRequestLineSize = 16 * 1024;
        limits.MaxRequestHeaderCount = 100;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(20);
        // A client trickling its body slower than 240 bytes/s (after 5 s grace) is disconnected.
        limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(240, TimeSpan.FromSeconds(5));
    }

    /// <summary>Sets a route's body limit (minimal APIs: endpoint metadata).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes, bool handlerAnswers = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes, handlerAnswers));

    /// <summary>The limit for a request: the route's own, else by surface (web forms 2 MiB), else http.max-body-size.</summary>
    public static BodyLimit For(HttpContext context, Settings settings)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() is { } own) return own;
        if (context.Request.Path.StartsWithSegments("/-") || context.Request.HasFormContentType)
            return new BodyLimit(Math.Min(FormBody, settings.MaxBodySize));
        return new BodyLimit(settings.MaxBodySize);
    }

    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<Settings>(); // not per request: that opens a request scope
        return app.Use((context, next) =>
            // Reads without a body (most requests) pass straight on, without an async step of their own.
            !BodyAllowed(context.Request.Method) && context.Request.ContentLength is null or 0 ? next(context) : LimitBody(context, next, settings));
    }

    private static Task LimitBody(HttpContext context, RequestDelegate next, Settings settings)
    {
        var limit = For(context, settings);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit.Bytes;
        // A declared length within the limit is all the body there is (Kestrel holds it to it): nothing to watch.
        return context.Request.ContentLength <= limit.Bytes ? next(context) : LimitUndeclaredOrLong(context, next, limit);
    }

    private static async Task LimitUndeclaredOrLong(HttpContext context, RequestDelegate next, BodyLimit limit)
    {
        if (!limit.HandlerAnswers && context.Request.ContentLength > limit.Bytes)
        {
            await TooLarge(context, limit.Bytes);
            return;
        }
        var body = new CappedStream(context.Request.Body, limit.Bytes);
        context.Request.Body = body;
        // After the answer Kestrel reads what the handler left of the body, but never past the limit: a longer rest (or a
        // chunked one of unknown length) makes it close the connection instead. Say so, or the client sends its next
        // request down a connection that is closing and gets no answer (found by the fuzzer on dist/pastelite). A declared
        // length within the limit is always read, so only those bodies need the check (and the callback).
        var chunked = context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
        if ((chunked || context.Request.ContentLength > limit.Bytes) && HttpProtocol.IsHttp11(context.Request.Protocol))
            context.Response.OnStarting(() =>
            {
                if (!body.Ended) context.Response.Headers.Connection = "close";
                return Task.CompletedTask;
            });
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Clear();
            SecurityHeaders.Apply(context.Response);
            await TooLarge(context, limit.Bytes);
        }
    }

    private static bool BodyAllowed(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    /// <summary>413 in the surface's words: Opengist's JSON envelope on the Gist API, a page for forms, else one plain line.</summary>
    private static Task TooLarge(HttpContext context, long limit)
    {
        var path = context.Request.Path;
        var message = $"{Message} (at most {limit} bytes)";
        const int status = StatusCodes.Status413PayloadTooLarge;
        IResult result;
        if (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v2"))
            result = Endpoints.GistApi.ApiErrors.Json(status, message);
        else if (path.StartsWithSegments("/-") || context.Request.HasFormContentType)
            result = Layout.Message(context, "Too large", $"The form is larger than the {limit / 1024} KiB this page accepts.", status);
        else
            result = Endpoints.Terminal.TerminalText.Line(status, message);
        context.Response.Headers.Connection = "close"; // the rest of the body is not read
        return result.ExecuteAsync(context);
    }

    /// <summary>A request body that throws Kestrel's own 413 once more than the limit has been read (also where the server does not enforce it).</summary>
    private sealed class CappedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        /// <summary>The body was read to its end.</summary>
        public bool Ended { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count), count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken), buffer.Length);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read, int asked)
        {
            if (read == 0 && asked > 0) Ended = true;
            _read += read;
            if (_read > limit)
                throw new BadHttpRequestException(Message, StatusCodes.Status413PayloadTooLarge);
            return read;
        }
    }
}
