using PasteLite.Config;

namespace PasteLite.Hosting;

internal static class PublicUrl
{
    /// <summary>
    /// The base every absolute link is built on, without a trailing slash: external-url when set; else the
    /// request's scheme and host, or a trusted proxy's X-Forwarded-Proto and X-Forwarded-Host.
    /// </summary>
    public static string Base(HttpContext context, Settings settings)
    {
        if (settings.ExternalUrl.Length > 0) return settings.ExternalUrl;
        var scheme = context.Request.Scheme;
        var host = context.Request.Host.Value ?? "localhost";
        if (ClientAddress.PeerIsTrustedProxy(context, settings))
        {
            if (First(context, "X-Forwarded-Proto") is { } proto && proto is "http" or "https") scheme = proto;
            if (First(context, "X-Forwarded-Host") is { } forwarded && Uri.TryCreate($"http://{forwarded}/", UriKind.Absolute, out var parsed)
                && parsed.PathAndQuery == "/" && parsed.UserInfo.Length == 0)
                host = parsed.Authority;
        }
        return $"{scheme}://{host}";
    }

    /// <summary>The first (client-side) value of a comma-separated forwarding header.</summary>
    private static string? First(HttpContext context, string header) =>
        context.Request.Headers[header].ToString().Split(',', StringSplitOptions.TrimEntries)[0] is { Length: > 0 } value ? value : null;
}
