using System.Net;
using System.Text;

namespace PasteLite.Web;

// Placeholder until the web UI lands: the web UI engineer replaces this file with the real paste page.
/// <summary>
/// A paste's page for browsers, rendered on the server with no script: the content HTML-escaped in a &lt;pre&gt;,
/// a link to /{id}/raw, and for a burn-after-reading paste first a page whose button (a form POST) reveals it.
/// </summary>
internal static class PastePage
{
    /// <summary>
    /// content null and burnAfterRead false: 404; content null and burnAfterRead true: the confirmation page;
    /// content with burnAfterRead true: the one view of a paste that is now deleted; otherwise the paste.
    /// </summary>
    public static IResult Render(string id, byte[]? content, bool burnAfterRead)
    {
        var safeId = WebUtility.HtmlEncode(id);
        var (status, title, main) = (content, burnAfterRead) switch
        {
            (null, false) => (404, "Paste not found", "<h1>Paste not found</h1><p>It never existed, expired, or was deleted.</p>"),
            (null, true) => (200, "Burn after reading",
                "<h1>This paste is deleted when it is read</h1><p>You can view it once; after that nobody can.</p>"
                + $"<form method=\"post\" action=\"/{safeId}\"><input type=\"hidden\" name=\"reveal\" value=\"1\">"
                + "<button type=\"submit\">Show it and delete it</button></form>"),
            (_, true) => (200, $"Paste {id}",
                $"<p class=\"note\">This paste has now been deleted; this is its only view.</p><pre>{Escape(content!)}</pre>"),
            _ => (200, $"Paste {id}", $"<p><a href=\"/{safeId}/raw\">raw</a></p><pre>{Escape(content!)}</pre>"),
        };
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{{WebUtility.HtmlEncode(title)}} · PasteLite</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
            pre{background:#f4f4f4;padding:1rem;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere}
            .note{color:#a00}</style></head>
            <body><p><a href="/">PasteLite</a></p>{{main}}</body></html>
            """;
        return new HtmlPage(status, html);
    }

    /// <summary>Non-UTF-8 bytes show as U+FFFD; the raw link serves them exactly.</summary>
    private static string Escape(byte[] content) => WebUtility.HtmlEncode(Encoding.UTF8.GetString(content));

    /// <summary>HTML with a strict CSP (no scripts at all, forms only to us), never cached, never framed.</summary>
    private sealed class HtmlPage(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(html, context.RequestAborted);
        }
    }
}
