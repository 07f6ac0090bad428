using System.Collections.Concurrent;

namespace PasteLite.Web;

/// <summary>GET /-/assets/{path}: CSS, JS and vendor files embedded in the binary (nothing from a CDN).</summary>
internal static class Assets
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new();

    public static void MapAssets(this IEndpointRouteBuilder app) =>
        app.MapGet("/-/assets/{**path}", (HttpContext context, string path) =>
        {
            var bytes = Cache.GetOrAdd(path, Load);
            if (bytes is null) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=86400";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(bytes, ContentType(path));
        }).ExcludeFromDescription();

    private static byte[]? Load(string path)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("assets/" + path);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "text/plain; charset=utf-8",
    };
}
