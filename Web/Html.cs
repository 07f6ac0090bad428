using System.Net;

namespace PasteLite.Web;

/// <summary>HTML encoding and the security headers every page carries.</summary>
internal static class Html
{
    /// <summary>No inline script or style anywhere: everything comes from /-/assets.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A URL path segment, escaped for a link.</summary>
    public static string U(string segment) => Uri.EscapeDataString(segment);

    public static IResult Document(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
