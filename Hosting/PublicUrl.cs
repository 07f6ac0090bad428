using PasteLite.Config;

namespace PasteLite.Hosting;

internal static class PublicUrl
{
    /// <summary>
    /// The base every absolute link is built on: external-url when set, else the scheme and host of the request
    /// (which the forwarded-headers step has already corrected for trusted proxies). No trailing slash.
    /// </summary>
    public static string Base(HttpContext context, Settings settings) =>
        settings.ExternalUrl.Length > 0 ? settings.ExternalUrl : $"{context.Request.Scheme}://{context.Request.Host}";
}
