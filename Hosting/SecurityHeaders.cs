namespace PasteLite.Hosting;

internal static class SecurityHeaders
{
    /// <summary>
    /// Headers every response carries, set before the handler runs so a page may tighten them:
    /// no MIME sniffing, no framing by other sites, no referrer leaking paste or gist ids.
    /// </summary>
    public static void UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        Apply(context.Response);
        return next(context);
    });

    /// <summary>Sets them again, for code that starts an answer over with HttpResponse.Clear() (which drops every header).</summary>
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
    }
}
