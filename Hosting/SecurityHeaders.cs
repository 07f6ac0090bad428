namespace PasteLite.Hosting;

internal static class SecurityHeaders
{
    /// <summary>
    /// Headers every response carries, set before the handler runs so a page may tighten them:
    /// no MIME sniffing, no framing by other sites, no referrer leaking paste or gist ids.
    /// </summary>
    public static void UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    });
}
